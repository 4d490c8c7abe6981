using System.Globalization;
using System.Runtime.CompilerServices;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Client;

namespace OrleansTrainer.Cli.Prediction;

/// <summary>
/// CSV rows: a header naming (at least) the model's features, and the id column when one is asked for; other columns
/// are ignored. Cells are split on commas (no quoting).
/// </summary>
public sealed class CsvPredictionInput : IPredictionInput
{
    private readonly LinearModel _model;
    private readonly StreamReader _reader;
    private readonly string _source;
    private readonly int[] _featureColumns;
    private readonly int? _idColumn;

    private CsvPredictionInput(LinearModel model, StreamReader reader, string source, int[] featureColumns, string? idColumn, int? idIndex)
    {
        _model = model;
        _reader = reader;
        _source = source;
        _featureColumns = featureColumns;
        IdColumn = idColumn;
        _idColumn = idIndex;
    }

    /// <inheritdoc />
    public string? IdColumn { get; }

    /// <summary>Opens <paramref name="path"/> and reads its header.</summary>
    /// <exception cref="CliException">The model has numbered features, the file is empty, or its header lacks a feature or the id column.</exception>
    public static async Task<CsvPredictionInput> OpenAsync(LinearModel model, string path, string? idColumn, CancellationToken cancellationToken)
    {
        var source = Path.GetFileName(path);
        if (model.FeatureNames.Count == 0)
        {
            throw CliException.Failure($"the model's {model.FeatureCount} features are numbered (it was trained on a sparse dataset): predict from LIBSVM input with --format libsvm");
        }

        var reader = new StreamReader(path);
        try
        {
            var header = await reader.ReadLineAsync(cancellationToken) ?? throw CliException.Failure($"{source} is empty; it needs a header row");
            var names = header.Split(',').Select(n => n.Trim().Trim('"')).ToList();
            int Require(string name, string role) =>
                names.IndexOf(name) is var index and >= 0 ? index : throw CliException.Failure($"{source}: the header has no column {name}, {role}");
            var features = model.FeatureNames.Select(f => Require(f, "a feature of the model")).ToArray();
            var id = idColumn is null ? (int?)null : Require(idColumn, "the --id column");
            return new CsvPredictionInput(model, reader, source, features, idColumn, id);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<PredictionRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var features = new double[_featureColumns.Length];
        var line = 1L;
        while (await _reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            var cells = text.Split(',');
            for (var j = 0; j < _featureColumns.Length; j++)
            {
                var column = _featureColumns[j];
                if (column >= cells.Length || !double.TryParse(cells[column].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out features[j]))
                {
                    throw CliException.Failure($"{_source}: line {line}, column {column + 1} ({_model.FeatureNames[j]}): not a number");
                }
            }

            if (_idColumn is { } id && id >= cells.Length)
            {
                throw CliException.Failure($"{_source}: line {line} has no column {id + 1} ({IdColumn})");
            }

            var margins = new double[_model.Outputs];
            _model.Margins(features, margins);
            yield return new PredictionRow(_idColumn is { } i ? cells[i] : null, margins);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}
