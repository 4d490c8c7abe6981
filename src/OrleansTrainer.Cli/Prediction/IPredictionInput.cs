namespace OrleansTrainer.Cli.Prediction;

/// <summary>Rows to predict, read from a file and turned into a model's margins.</summary>
public interface IPredictionInput : IDisposable
{
    /// <summary>The name of the id column passed through to the output, or null for none.</summary>
    string? IdColumn { get; }

    /// <summary>The rows in file order.</summary>
    /// <exception cref="Infrastructure.CliException">A row is malformed; the message names the file, line and column.</exception>
    IAsyncEnumerable<PredictionRow> ReadAsync(CancellationToken cancellationToken);
}
