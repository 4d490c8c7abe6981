using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OrleansTrainer.Numerics;

/// <summary>a b + c in one rounding where the CPU has FMA, in two otherwise (never the slow software FMA).</summary>
internal static class FusedMath
{
    /// <summary>a b + c, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MulAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : (a * b) + c;

    /// <summary>a b + c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MulAdd(double a, double b, double c) =>
        Fma.IsSupported ? Math.FusedMultiplyAdd(a, b, c) : (a * b) + c;
}
