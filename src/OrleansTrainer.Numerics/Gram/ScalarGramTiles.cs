using System.Runtime.CompilerServices;

namespace OrleansTrainer.Numerics;

/// <summary>The portable Gram tiles: plain loops (where 256-bit FMA vectors are not hardware accelerated).</summary>
internal readonly struct ScalarGramTiles : IGramTiles
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate(
        in GramLayout layout, ReadOnlySpan<double> a, ReadOnlySpan<double> b, int rows, Span<double> sums, ReadOnlySpan<byte> upcoming)
    {
        int width = layout.Width;
        Span<double> tile = stackalloc double[32];
        for (int octet = 0; octet < layout.Octets; octet++)
        {
            var bStrip = b.Slice(octet * GramLayout.OctetStride(rows), 8 * rows);
            int quads = Math.Min(layout.UsedQuads, (2 * octet) + 2);
            for (int quad = 0; quad < quads; quad++)
            {
                var aStrip = a.Slice(((quad / 2) * GramLayout.OctetStride(rows)) + (4 * (quad % 2)), (8 * rows) - 4);
                tile.Clear();
                for (int i = 0; i < rows; i++)
                {
                    for (int r = 0; r < 4; r++)
                    {
                        double ai = aStrip[(i * 8) + r];
                        for (int c = 0; c < 8; c++)
                        {
                            tile[(r * 8) + c] += ai * bStrip[(i * 8) + c];
                        }
                    }
                }

                for (int r = 0; r < 4; r++)
                {
                    var target = sums.Slice((((quad * 4) + r) * width) + (octet * 8), 8);
                    for (int c = 0; c < 8; c++)
                    {
                        target[c] += tile[(r * 8) + c];
                    }
                }
            }
        }
    }
}
