using System.Runtime.CompilerServices;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Cli.Prediction;

/// <summary>
/// CSV rows in a <see cref="CsvDialect"/> (quoted fields may hold delimiters and doubled quotes): a header naming (at least) the model's
/// source columns, and the id column when one is asked for; other columns are ignored. Each row is encoded raw by
/// <see cref="LinearModel.Encode"/>, as the model's dataset was at ingestion: categories, imputed empty cells.
/// </summary>
public sealed class CsvPredictionInput : IPredictionInput
{
    private readonly LinearModel _model;
    private readonly CsvRecordReader _reader;
    private readonly string[] _header;
    private readonly int? _idColumn;
    private readonly int? _weightColumn;

    private CsvPredictionInput(LinearModel model, CsvRecordReader reader, string[] header, string? idColumn, int? idIndex, int? weightIndex)
    {
        _model = model;
        _reader = reader;
        _header = header;
        IdColumn = idColumn;
        _idColumn = idIndex;
        _weightColumn = weightIndex;
    }

    /// <inheritdoc />
    public string? IdColumn { get; }

    /// <summary>
    /// Opens <paramref name="path"/>, CSV in <paramref name="dialect"/>, and reads its header; each row then carries the
    /// text of <paramref name="idColumn"/> and of <paramref name="weightColumn"/> when they are named.
    /// </summary>
    /// <exception cref="CliException">The model has numbered features, the file is empty, or its header lacks a source column, the id column or the weight column.</exception>
    public static async Task<CsvPredictionInput> OpenAsync(LinearModel model, string path, CsvDialect dialect, string? idColumn, string? weightColumn,
        CancellationToken cancellationToken)
    {
        var source = Path.GetFileName(path);
        if (model.FeatureNames.Count == 0)
        {
            throw CliException.Failure($"the model's {model.FeatureCount} features are numbered (it was trained on a sparse dataset): predict from LIBSVM input with --format libsvm");
        }

        var reader = CsvRecordReader.Open(new StreamReader(path), source, dialect);
        try
        {
            var fields = new List<string>();
            if (!await reader.ReadAsync(fields, cancellationToken))
            {
                throw CliException.Failure($"{source} is empty; it needs a header row");
            }

            string[] names = [.. fields];
            int Require(string name, string role) =>
                Array.IndexOf(names, name) is var index and >= 0 ? index : throw CliException.Failure($"{source}: the header has no column {name}, {role}");
            foreach (var column in model.SourceColumns)
            {
                Require(column, "a column of the model");
            }

            var id = idColumn is null ? (int?)null : Require(idColumn, "the --id column");
            var weight = weightColumn is null ? (int?)null : Require(weightColumn, "the --weight column");
            return new CsvPredictionInput(model, reader, names, idColumn, id, weight);
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
        var cells = new List<string>();
        var row = new Dictionary<string, string>(_header.Length, StringComparer.Ordinal);
        while (await ReadRecordAsync(cells, cancellationToken))
        {
            if (cells.Count != _header.Length)
            {
                throw CliException.Failure($"{_reader.SourceName}: line {_reader.Line}: expected {_header.Length} fields, found {cells.Count}");
            }

            for (var i = 0; i < cells.Count; i++)
            {
                row[_header[i]] = cells[i];
            }

            double[] features;
            try
            {
                features = _model.Encode(row);
            }
            catch (FormatException error)
            {
                throw CliException.Failure($"{_reader.SourceName}: line {_reader.Line}, {error.Message}");
            }

            var margins = new double[_model.Outputs];
            _model.Margins(features, margins);
            yield return new PredictionRow(_idColumn is { } id ? cells[id] : null, margins, _weightColumn is { } weight ? cells[weight] : null);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();

    private async ValueTask<bool> ReadRecordAsync(List<string> cells, CancellationToken cancellationToken)
    {
        try
        {
            return await _reader.ReadAsync(cells, cancellationToken);
        }
        catch (CsvFormatException error)
        {
            throw CliException.Failure(error.Message);
        }
    }
}
