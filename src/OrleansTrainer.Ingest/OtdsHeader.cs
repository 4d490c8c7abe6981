using System.Buffers.Binary;

namespace OrleansTrainer.Ingest;

/// <summary>
/// The 64-byte little-endian header of an OTDS version 1 file (the peer tools' binary format, shared/peers/README.md):
/// magic "OTDS", version, kind (1 dense, 2 CSR), dtype (1 float32, 2 float64), rows, cols, nnz; every section starts at a
/// multiple of 64 bytes.
/// </summary>
internal readonly record struct OtdsHeader(uint Kind, uint Dtype, long Rows, long Cols, long Nonzeros)
{
    /// <summary>Bytes of the header.</summary>
    public const int Bytes = 64;

    private const uint Magic = 0x5344544F; // "OTDS"

    /// <summary>Reads the header, after checking the magic and version.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an OTDS version 1 header (the message names <paramref name="path"/>).</exception>
    public static OtdsHeader Parse(ReadOnlySpan<byte> header, string path)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic || BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != 1)
        {
            throw new InvalidDataException($"{path}: not an OTDS version 1 file.");
        }

        return new OtdsHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(header[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(header[12..]),
            BinaryPrimitives.ReadInt64LittleEndian(header[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(header[24..]),
            BinaryPrimitives.ReadInt64LittleEndian(header[32..]));
    }

    /// <summary>The first multiple of 64 at or after <paramref name="offset"/>: where a section starts.</summary>
    public static long AlignUp(long offset) => (offset + 63) / 64 * 64;
}
