using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>The portable row kernel: plain loops, used where 256-bit vectors are not hardware accelerated.</summary>
internal readonly struct ScalarRowKernel : IRowKernel
{
    public static double Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<double> w)
        where T : unmanaged
    {
        double sum = 0.0;
        for (int j = 0; j < w.Length; j++)
        {
            sum += FeatureElements.ToDouble(x[j]) * w[j];
        }

        return sum;
    }

    public static Vector256<double> Dot4<T>(
        ReadOnlySpan<T> x0, ReadOnlySpan<T> x1, ReadOnlySpan<T> x2, ReadOnlySpan<T> x3, ReadOnlySpan<double> w)
        where T : unmanaged =>
        Vector256.Create(Dot(x0, w), Dot(x1, w), Dot(x2, w), Dot(x3, w));

    public static Vector256<double> Evaluate4<TLoss>(
        TLoss loss, Vector256<double> z, Vector256<double> y, out Vector256<double> derivative)
        where TLoss : struct, ILoss
    {
        double v0 = loss.Evaluate(z[0], y[0], out double r0);
        double v1 = loss.Evaluate(z[1], y[1], out double r1);
        double v2 = loss.Evaluate(z[2], y[2], out double r2);
        double v3 = loss.Evaluate(z[3], y[3], out double r3);
        derivative = Vector256.Create(r0, r1, r2, r3);
        return Vector256.Create(v0, v1, v2, v3);
    }

    public static void AddScaled<T>(Span<double> gradient, ReadOnlySpan<T> x, double r)
        where T : unmanaged
    {
        for (int j = 0; j < gradient.Length; j++)
        {
            gradient[j] += r * FeatureElements.ToDouble(x[j]);
        }
    }

    public static void AddScaled4<T>(
        Span<double> gradient,
        ReadOnlySpan<T> x0, ReadOnlySpan<T> x1, ReadOnlySpan<T> x2, ReadOnlySpan<T> x3,
        Vector256<double> r)
        where T : unmanaged
    {
        double r0 = r[0], r1 = r[1], r2 = r[2], r3 = r[3];
        for (int j = 0; j < gradient.Length; j++)
        {
            double g = gradient[j];
            g += r0 * FeatureElements.ToDouble(x0[j]);
            g += r1 * FeatureElements.ToDouble(x1[j]);
            g += r2 * FeatureElements.ToDouble(x2[j]);
            g += r3 * FeatureElements.ToDouble(x3[j]);
            gradient[j] = g;
        }
    }
}
