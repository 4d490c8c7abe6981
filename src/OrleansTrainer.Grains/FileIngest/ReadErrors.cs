using OrleansTrainer.Ingest;

namespace OrleansTrainer.Grains;

/// <summary>
/// Carries the readers' located errors (file, line, column) out of the silos: the reader exceptions are not Orleans
/// types, so the grains that read files rethrow them as <see cref="FormatException"/> with the same message.
/// </summary>
internal static class ReadErrors
{
    /// <summary>Runs <paramref name="read"/>, turning a reader's format exception into a <see cref="FormatException"/> with its message.</summary>
    public static async Task<T> LocatedAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception error) when (error is CsvFormatException or DataSourceException or LibSvmFormatException)
        {
            throw new FormatException(error.Message);
        }
    }
}
