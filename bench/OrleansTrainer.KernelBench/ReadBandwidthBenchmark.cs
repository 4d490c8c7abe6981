using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace OrleansTrainer.KernelBench;

/// <summary>
/// STREAM-like read-only pass: the sum of a 400 MB float32 array (the size of X in the 1M × 100 float32 set), split
/// into one contiguous slice per thread. Its time gives the machine's read bandwidth at that thread count.
/// </summary>
public class ReadBandwidthBenchmark
{
    public const long Bytes = 400_000_000;

    private float[] _values = [];

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _values = new float[Bytes / sizeof(float)];
        _values.AsSpan().Fill(1f);
    }

    [Benchmark]
    public float Sum()
    {
        var partial = new float[Threads];
        var slice = _values.Length / Threads;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            var end = t == Threads - 1 ? _values.Length : (t + 1) * slice;
            partial[t] = SumOf(_values.AsSpan(t * slice, end - t * slice));
        });
        return partial.Sum();
    }

    /// <summary>Four independent Vector256 accumulators, so the loop is bound by loads, not by add latency.</summary>
    private static float SumOf(ReadOnlySpan<float> values)
    {
        var s0 = Vector256<float>.Zero;
        var s1 = s0;
        var s2 = s0;
        var s3 = s0;
        ref var start = ref MemoryMarshal.GetReference(values);
        var i = 0;
        for (; i + 4 * Vector256<float>.Count <= values.Length; i += 4 * Vector256<float>.Count)
        {
            s0 += Vector256.LoadUnsafe(ref start, (nuint)i);
            s1 += Vector256.LoadUnsafe(ref start, (nuint)(i + Vector256<float>.Count));
            s2 += Vector256.LoadUnsafe(ref start, (nuint)(i + 2 * Vector256<float>.Count));
            s3 += Vector256.LoadUnsafe(ref start, (nuint)(i + 3 * Vector256<float>.Count));
        }

        var sum = Vector256.Sum(s0 + s1 + s2 + s3);
        for (; i < values.Length; i++)
        {
            sum += values[i];
        }

        return sum;
    }
}
