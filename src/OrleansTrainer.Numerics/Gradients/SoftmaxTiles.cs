using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>
/// The two register-blocked products of the softmax panel pass, both FMA chains over one index in
/// order (so each output's bits depend only on its own inputs): scores Z = X Wᵀ in tiles of 4 rows ×
/// 4, 8 or 12 classes accumulated over the columns, and the gradient G += Rᵀ X in tiles of 4 classes ×
/// 8 columns accumulated over the panel's rows.
/// </summary>
internal static class SoftmaxTiles
{
    /// <summary>
    /// z[r][k] = b_k + sum_j x_r[j] w_kj for 4 rows and classes [<paramref name="firstClass"/>, + 4 × vectors):
    /// <paramref name="x"/> is the panel (rows <paramref name="xStride"/> apart), <paramref name="transposed"/>
    /// the cols × <paramref name="classStride"/> weights, <paramref name="z"/> rows <paramref name="classStride"/> apart.
    /// </summary>
    public static void Scores(
        ref double x, int xStride, int cols, ref double transposed, int classStride, int firstClass, int vectors, ref double intercepts, ref double z)
    {
        switch (vectors)
        {
            case 3:
                Scores12(ref x, xStride, cols, ref Unsafe.Add(ref transposed, firstClass), classStride, ref Unsafe.Add(ref intercepts, firstClass), ref Unsafe.Add(ref z, firstClass));
                break;
            case 2:
                Scores8(ref x, xStride, cols, ref Unsafe.Add(ref transposed, firstClass), classStride, ref Unsafe.Add(ref intercepts, firstClass), ref Unsafe.Add(ref z, firstClass));
                break;
            default:
                Scores4(ref x, xStride, cols, ref Unsafe.Add(ref transposed, firstClass), classStride, ref Unsafe.Add(ref intercepts, firstClass), ref Unsafe.Add(ref z, firstClass));
                break;
        }
    }

    /// <summary>
    /// g[k][j] += sum_i r_i[k] x_i[j] over <paramref name="rows"/> rows for classes [k0, k0 + 4) and columns
    /// [j0, j0 + 8), the references pointing at (row 0, k0) of r, (row 0, j0) of x and (k0, j0) of g.
    /// </summary>
    public static void Gradient(ref double r, int rStride, ref double x, int xStride, int rows, ref double g, int gStride)
    {
        var c00 = Vector256<double>.Zero;
        var c01 = Vector256<double>.Zero;
        var c10 = Vector256<double>.Zero;
        var c11 = Vector256<double>.Zero;
        var c20 = Vector256<double>.Zero;
        var c21 = Vector256<double>.Zero;
        var c30 = Vector256<double>.Zero;
        var c31 = Vector256<double>.Zero;
        for (int i = 0; i < rows; i++)
        {
            var x0 = Vector256.LoadUnsafe(ref x);
            var x1 = Vector256.LoadUnsafe(ref x, 4);
            var r0 = Vector256.Create(r);
            c00 = FusedMath.MulAdd(r0, x0, c00);
            c01 = FusedMath.MulAdd(r0, x1, c01);
            var r1 = Vector256.Create(Unsafe.Add(ref r, 1));
            c10 = FusedMath.MulAdd(r1, x0, c10);
            c11 = FusedMath.MulAdd(r1, x1, c11);
            var r2 = Vector256.Create(Unsafe.Add(ref r, 2));
            c20 = FusedMath.MulAdd(r2, x0, c20);
            c21 = FusedMath.MulAdd(r2, x1, c21);
            var r3 = Vector256.Create(Unsafe.Add(ref r, 3));
            c30 = FusedMath.MulAdd(r3, x0, c30);
            c31 = FusedMath.MulAdd(r3, x1, c31);
            r = ref Unsafe.Add(ref r, rStride);
            x = ref Unsafe.Add(ref x, xStride);
        }

        AddRow(ref g, c00, c01);
        AddRow(ref Unsafe.Add(ref g, gStride), c10, c11);
        AddRow(ref Unsafe.Add(ref g, 2 * gStride), c20, c21);
        AddRow(ref Unsafe.Add(ref g, 3 * gStride), c30, c31);
    }

    private static void Scores12(ref double x, int xStride, int cols, ref double w, int wStride, ref double b, ref double z)
    {
        ref double x1 = ref Unsafe.Add(ref x, xStride);
        ref double x2 = ref Unsafe.Add(ref x, 2 * xStride);
        ref double x3 = ref Unsafe.Add(ref x, 3 * xStride);
        var c00 = Vector256<double>.Zero;
        var c01 = Vector256<double>.Zero;
        var c02 = Vector256<double>.Zero;
        var c10 = Vector256<double>.Zero;
        var c11 = Vector256<double>.Zero;
        var c12 = Vector256<double>.Zero;
        var c20 = Vector256<double>.Zero;
        var c21 = Vector256<double>.Zero;
        var c22 = Vector256<double>.Zero;
        var c30 = Vector256<double>.Zero;
        var c31 = Vector256<double>.Zero;
        var c32 = Vector256<double>.Zero;
        for (int j = 0; j < cols; j++)
        {
            var w0 = Vector256.LoadUnsafe(ref w);
            var w1 = Vector256.LoadUnsafe(ref w, 4);
            var w2 = Vector256.LoadUnsafe(ref w, 8);
            var a = Vector256.Create(Unsafe.Add(ref x, j));
            c00 = FusedMath.MulAdd(a, w0, c00);
            c01 = FusedMath.MulAdd(a, w1, c01);
            c02 = FusedMath.MulAdd(a, w2, c02);
            a = Vector256.Create(Unsafe.Add(ref x1, j));
            c10 = FusedMath.MulAdd(a, w0, c10);
            c11 = FusedMath.MulAdd(a, w1, c11);
            c12 = FusedMath.MulAdd(a, w2, c12);
            a = Vector256.Create(Unsafe.Add(ref x2, j));
            c20 = FusedMath.MulAdd(a, w0, c20);
            c21 = FusedMath.MulAdd(a, w1, c21);
            c22 = FusedMath.MulAdd(a, w2, c22);
            a = Vector256.Create(Unsafe.Add(ref x3, j));
            c30 = FusedMath.MulAdd(a, w0, c30);
            c31 = FusedMath.MulAdd(a, w1, c31);
            c32 = FusedMath.MulAdd(a, w2, c32);
            w = ref Unsafe.Add(ref w, wStride);
        }

        var b0 = Vector256.LoadUnsafe(ref b);
        var b1 = Vector256.LoadUnsafe(ref b, 4);
        var b2 = Vector256.LoadUnsafe(ref b, 8);
        Store3(ref z, c00 + b0, c01 + b1, c02 + b2);
        Store3(ref Unsafe.Add(ref z, wStride), c10 + b0, c11 + b1, c12 + b2);
        Store3(ref Unsafe.Add(ref z, 2 * wStride), c20 + b0, c21 + b1, c22 + b2);
        Store3(ref Unsafe.Add(ref z, 3 * wStride), c30 + b0, c31 + b1, c32 + b2);
    }

    private static void Scores8(ref double x, int xStride, int cols, ref double w, int wStride, ref double b, ref double z)
    {
        ref double x1 = ref Unsafe.Add(ref x, xStride);
        ref double x2 = ref Unsafe.Add(ref x, 2 * xStride);
        ref double x3 = ref Unsafe.Add(ref x, 3 * xStride);
        var c00 = Vector256<double>.Zero;
        var c01 = Vector256<double>.Zero;
        var c10 = Vector256<double>.Zero;
        var c11 = Vector256<double>.Zero;
        var c20 = Vector256<double>.Zero;
        var c21 = Vector256<double>.Zero;
        var c30 = Vector256<double>.Zero;
        var c31 = Vector256<double>.Zero;
        for (int j = 0; j < cols; j++)
        {
            var w0 = Vector256.LoadUnsafe(ref w);
            var w1 = Vector256.LoadUnsafe(ref w, 4);
            var a = Vector256.Create(Unsafe.Add(ref x, j));
            c00 = FusedMath.MulAdd(a, w0, c00);
            c01 = FusedMath.MulAdd(a, w1, c01);
            a = Vector256.Create(Unsafe.Add(ref x1, j));
            c10 = FusedMath.MulAdd(a, w0, c10);
            c11 = FusedMath.MulAdd(a, w1, c11);
            a = Vector256.Create(Unsafe.Add(ref x2, j));
            c20 = FusedMath.MulAdd(a, w0, c20);
            c21 = FusedMath.MulAdd(a, w1, c21);
            a = Vector256.Create(Unsafe.Add(ref x3, j));
            c30 = FusedMath.MulAdd(a, w0, c30);
            c31 = FusedMath.MulAdd(a, w1, c31);
            w = ref Unsafe.Add(ref w, wStride);
        }

        var b0 = Vector256.LoadUnsafe(ref b);
        var b1 = Vector256.LoadUnsafe(ref b, 4);
        Store2(ref z, c00 + b0, c01 + b1);
        Store2(ref Unsafe.Add(ref z, wStride), c10 + b0, c11 + b1);
        Store2(ref Unsafe.Add(ref z, 2 * wStride), c20 + b0, c21 + b1);
        Store2(ref Unsafe.Add(ref z, 3 * wStride), c30 + b0, c31 + b1);
    }

    private static void Scores4(ref double x, int xStride, int cols, ref double w, int wStride, ref double b, ref double z)
    {
        ref double x1 = ref Unsafe.Add(ref x, xStride);
        ref double x2 = ref Unsafe.Add(ref x, 2 * xStride);
        ref double x3 = ref Unsafe.Add(ref x, 3 * xStride);
        var c0 = Vector256<double>.Zero;
        var c1 = Vector256<double>.Zero;
        var c2 = Vector256<double>.Zero;
        var c3 = Vector256<double>.Zero;
        for (int j = 0; j < cols; j++)
        {
            var w0 = Vector256.LoadUnsafe(ref w);
            c0 = FusedMath.MulAdd(Vector256.Create(Unsafe.Add(ref x, j)), w0, c0);
            c1 = FusedMath.MulAdd(Vector256.Create(Unsafe.Add(ref x1, j)), w0, c1);
            c2 = FusedMath.MulAdd(Vector256.Create(Unsafe.Add(ref x2, j)), w0, c2);
            c3 = FusedMath.MulAdd(Vector256.Create(Unsafe.Add(ref x3, j)), w0, c3);
            w = ref Unsafe.Add(ref w, wStride);
        }

        var b0 = Vector256.LoadUnsafe(ref b);
        (c0 + b0).StoreUnsafe(ref z);
        (c1 + b0).StoreUnsafe(ref Unsafe.Add(ref z, wStride));
        (c2 + b0).StoreUnsafe(ref Unsafe.Add(ref z, 2 * wStride));
        (c3 + b0).StoreUnsafe(ref Unsafe.Add(ref z, 3 * wStride));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store3(ref double target, Vector256<double> a, Vector256<double> b, Vector256<double> c)
    {
        a.StoreUnsafe(ref target);
        b.StoreUnsafe(ref target, 4);
        c.StoreUnsafe(ref target, 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store2(ref double target, Vector256<double> a, Vector256<double> b)
    {
        a.StoreUnsafe(ref target);
        b.StoreUnsafe(ref target, 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(ref double target, Vector256<double> low, Vector256<double> high)
    {
        (Vector256.LoadUnsafe(ref target) + low).StoreUnsafe(ref target);
        (Vector256.LoadUnsafe(ref target, 4) + high).StoreUnsafe(ref target, 4);
    }
}
