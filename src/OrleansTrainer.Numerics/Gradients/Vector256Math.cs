using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>
/// The elementary functions the losses need, four lanes at a time, on exactly the ranges they need
/// them, written with operations AVX2 has (the framework's Vector256.Exp/Log on double run no faster
/// than scalar code without AVX-512). All agree with <see cref="Math.Exp(double)"/> /
/// <see cref="Math.Log(double)"/> to within a few ulps.
/// </summary>
internal static class Vector256Math
{
    private const double Log2E = 1.4426950408889634;
    private const double Ln2High = 0.693147180369123816490; // 32 significant bits: n * Ln2High is exact
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const double RoundingShift = 6755399441055744.0; // 1.5 * 2^52: adding it rounds to an integer
    private const double SmallestNormalExponent = -708.0;    // e^-708 > 2^-1022
    private const double LargestExponent = 709.782712893384; // e^x overflows above ln(DBL_MAX) = 709.78271289338397
    private const long MantissaMask = 0x000F_FFFF_FFFF_FFFFL;
    private const long ExponentOfOne = 0x3FF0_0000_0000_0000L;
    private const long TwoToThe52Bits = 0x4330_0000_0000_0000L;
    private const double TwoToThe52 = 4503599627370496.0;

    /// <summary>
    /// e^x for x ≤ 0; 0 below −708 (where e^x is subnormal), NaN for NaN.
    /// x = n ln2 + r with |r| ≤ ln2/2, e^r by its Taylor series to r^13 (truncation below 2^-57),
    /// 2^n put straight into the exponent bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ExpNonPositive(Vector256<double> x)
    {
        var shifted = FusedMath.MulAdd(x, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        var n = shifted - Vector256.Create(RoundingShift);
        var r = (x - (n * Vector256.Create(Ln2High))) - (n * Vector256.Create(Ln2Low));

        var p = ExpSeries(r);

        // The low bits of `shifted` hold n as a two's-complement integer; (n + 1023) << 52 is 2^n.
        var exponent = shifted.AsInt64() - Vector256.Create(RoundingShift).AsInt64() + Vector256.Create(1023L);
        var scale = Vector256.ShiftLeft(exponent, 52).AsDouble();
        return Vector256.ConditionalSelect(
            Vector256.LessThan(x, Vector256.Create(SmallestNormalExponent)), Vector256<double>.Zero, p * scale);
    }

    /// <summary>
    /// e^x for any x: <see cref="ExpNonPositive"/>'s reduction and series, with 2^n applied as
    /// 2^(n-1) · 2 so that n = 1024 (x just below ln(DBL_MAX)) stays representable. 0 below −708
    /// (where e^x is subnormal), +∞ above ln(DBL_MAX), NaN for NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        var tooLarge = Vector256.GreaterThan(x, Vector256.Create(LargestExponent));
        var clamped = Vector256.ConditionalSelect(tooLarge, Vector256.Create(LargestExponent), x);
        var shifted = FusedMath.MulAdd(clamped, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        var n = shifted - Vector256.Create(RoundingShift);
        var r = (clamped - (n * Vector256.Create(Ln2High))) - (n * Vector256.Create(Ln2Low));
        var p = ExpSeries(r);
        var exponent = shifted.AsInt64() - Vector256.Create(RoundingShift).AsInt64() + Vector256.Create(1022L);
        var scale = Vector256.ShiftLeft(exponent, 52).AsDouble();
        var value = p * scale * Vector256.Create(2.0);
        value = Vector256.ConditionalSelect(
            Vector256.LessThan(x, Vector256.Create(SmallestNormalExponent)), Vector256<double>.Zero, value);
        return Vector256.ConditionalSelect(tooLarge, Vector256.Create(double.PositiveInfinity), value);
    }

    /// <summary>
    /// log(x) for finite x ≥ 1: x = 2^e m with m in [1, 2), log x = e ln2 + log(1 + (m − 1)) by
    /// <see cref="LogOnePlusUnit"/>. NaN for NaN or ±∞; callers pass finite values ≥ 1 otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LogAtLeastOne(Vector256<double> x)
    {
        // The biased exponent (1023 + e, at most 2047) in the low mantissa bits of 2^52: an exact int-to-double without AVX-512.
        var bits = x.AsInt64();
        var biased = (Vector256.ShiftRightLogical(bits, 52) | Vector256.Create(TwoToThe52Bits)).AsDouble();
        var e = biased - Vector256.Create(TwoToThe52 + 1023.0);
        var m = ((bits & Vector256.Create(MantissaMask)) | Vector256.Create(ExponentOfOne)).AsDouble();
        var log = LogOnePlusUnit(m - Vector256<double>.One);
        var value = FusedMath.MulAdd(e, Vector256.Create(Ln2High), FusedMath.MulAdd(e, Vector256.Create(Ln2Low), log));
        return value + (x - x); // + 0, or NaN for NaN and ∞ (whose bits would decode as a finite number)
    }

    /// <summary>
    /// log(1 + t) for t in [0, 1], accurate for tiny t: 2 atanh(s) with s = t / (2 + t) ≤ 1/3, by its
    /// odd series to s^33 (truncation below 2^-58 relative). NaN for NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LogOnePlusUnit(Vector256<double> t)
    {
        var s = t / (Vector256.Create(2.0) + t);
        var s2 = s * s;
        var p = Vector256.Create(2.0 / 33.0);
        p = FusedMath.MulAdd(p, s2, Vector256.Create(2.0 / 31.0));
        p = FusedMath.MulAdd(p, s2, Vector256.Create(2.0 / 29.0));
        p = FusedMath.MulAdd(p, s2, Vector256.Create(2.0 / 27.0));
        p = FusedMath.MulAdd(p, s2, Vector256.Create(2.0 / 25.0));
        p = FusedMath.MulAdd(p, s2, Vector256.Create(2.0 / 23.0));
        p = FusedMath.MulAdd(p, s2, Vector256.Create(2.0 / 21.0));
        p = FusedMath.MulAdd(p, s2, Vector256.Create(2.0 / 19.0));
        p = FusedMath.MulAdd(p, s2, Vector256.Create(2.0 / 17.0));
        p = FusedMath.MulAdd(p, s2, Vector256.Create(2.0 / 15.0));
        p = FusedMath.MulAdd(p, s2, Vector256.Create(2.0 / 13.0));
        p = FusedMath.MulAdd(p, s2, Vector256.Create(2.0 / 11.0));
        p = FusedMath.MulAdd(p, s2, Vector256.Create(2.0 / 9.0));
        p = FusedMath.MulAdd(p, s2, Vector256.Create(2.0 / 7.0));
        p = FusedMath.MulAdd(p, s2, Vector256.Create(2.0 / 5.0));
        p = FusedMath.MulAdd(p, s2, Vector256.Create(2.0 / 3.0));
        return FusedMath.MulAdd(s * s2, p, s + s);
    }

    /// <summary>e^r for |r| ≤ ln2 / 2 by its Taylor series to r^13 (truncation below 2^-57).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ExpSeries(Vector256<double> r)
    {
        var p = Vector256.Create(1.0 / 6227020800.0);
        p = FusedMath.MulAdd(p, r, Vector256.Create(1.0 / 479001600.0));
        p = FusedMath.MulAdd(p, r, Vector256.Create(1.0 / 39916800.0));
        p = FusedMath.MulAdd(p, r, Vector256.Create(1.0 / 3628800.0));
        p = FusedMath.MulAdd(p, r, Vector256.Create(1.0 / 362880.0));
        p = FusedMath.MulAdd(p, r, Vector256.Create(1.0 / 40320.0));
        p = FusedMath.MulAdd(p, r, Vector256.Create(1.0 / 5040.0));
        p = FusedMath.MulAdd(p, r, Vector256.Create(1.0 / 720.0));
        p = FusedMath.MulAdd(p, r, Vector256.Create(1.0 / 120.0));
        p = FusedMath.MulAdd(p, r, Vector256.Create(1.0 / 24.0));
        p = FusedMath.MulAdd(p, r, Vector256.Create(1.0 / 6.0));
        p = FusedMath.MulAdd(p, r, Vector256.Create(0.5));
        p = FusedMath.MulAdd(p, r, Vector256<double>.One);
        p = FusedMath.MulAdd(p, r, Vector256<double>.One);
        return p;
    }
}
