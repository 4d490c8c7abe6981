namespace OrleansTrainer.Grains.Tests;

/// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) bit by bit, as the textbook defines it.</summary>
internal static class NaiveCrc32
{
    public static uint Compute(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
