using OrleansTrainer.Ingest;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Rows that stop coming before row <c>holdAt</c> until <see cref="Release"/>: an upload held half-way with its client
/// alive (its lease still renewed).
/// </summary>
internal sealed class HeldRowReader(IRowReader rows, long holdAt) : IRowReader
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the upload asks for row <c>holdAt</c>.</summary>
    public Task Reached => _reached.Task;

    public IReadOnlyList<string> FeatureNames => rows.FeatureNames;

    public string LabelName => rows.LabelName;

    public string? WeightName => rows.WeightName;

    public long RowsRead => rows.RowsRead;

    public double CurrentLabel => rows.CurrentLabel;

    public double CurrentWeight => rows.CurrentWeight;

    /// <summary>Lets the rows come again.</summary>
    public void Release() => _released.TrySetResult();

    public async ValueTask<bool> ReadRowAsync(Memory<float> features, CancellationToken cancellationToken)
    {
        await HoldAsync(cancellationToken);
        return await rows.ReadRowAsync(features, cancellationToken);
    }

    public async ValueTask<bool> ReadRowAsync(Memory<double> features, CancellationToken cancellationToken)
    {
        await HoldAsync(cancellationToken);
        return await rows.ReadRowAsync(features, cancellationToken);
    }

    public void EnsureHasRows() => rows.EnsureHasRows();

    private async Task HoldAsync(CancellationToken cancellationToken)
    {
        if (rows.RowsRead == holdAt)
        {
            _reached.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }
    }
}
