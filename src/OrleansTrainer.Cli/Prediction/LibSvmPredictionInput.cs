using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Cli.Prediction;

/// <summary>
/// LIBSVM rows (<c>label index:value ...</c>, 1-based indices) read by <see cref="LibSvmReader"/> with the model's
/// feature count as the dimension, so an index beyond the model's features is an error naming its line. Labels are
/// read (they must be numbers) and ignored. A model with named features takes feature j as index j + 1.
/// </summary>
public sealed class LibSvmPredictionInput(LinearModel model, string path) : IPredictionInput
{
    private readonly LibSvmReader _reader = LibSvmReader.Open(path, new LibSvmOptions { Dimension = model.FeatureCount });

    /// <summary>None: LIBSVM rows have no id column.</summary>
    public string? IdColumn => null;

    /// <inheritdoc />
    /// <exception cref="LibSvmFormatException">A line is malformed or holds an index beyond the model's features.</exception>
    public async IAsyncEnumerable<PredictionRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var indices = new List<int>();
        var values = new List<float>();
        while (await _reader.ReadRowAsync(indices, values, cancellationToken))
        {
            var margins = new double[model.Outputs];
            model.Margins(CollectionsMarshal.AsSpan(indices), CollectionsMarshal.AsSpan(values), margins);
            yield return new PredictionRow(null, margins);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}
