using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Renews an ingestion's lease while its upload runs, four times per lease. A renewal that fails for a silo loss, or that
/// gets no answer within a quarter of a lease, is simply tried again at the next one (the dataset's new activation
/// grants a whole lease). A renewal refused — the ingestion is no longer in progress: its lease ran out, or the dataset
/// was deleted — cancels <see cref="Token"/>, and <see cref="Lost"/> says why.
/// </summary>
internal sealed class IngestLeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _upload;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    /// <summary>Starts renewing <paramref name="lease"/> on <paramref name="dataset"/>.</summary>
    /// <param name="dataset">The dataset being ingested.</param>
    /// <param name="lease">The lease its <see cref="IDatasetGrain.BeginIngestAsync"/> granted.</param>
    /// <param name="cancellationToken">The caller's cancellation, which <see cref="Token"/> follows.</param>
    public IngestLeaseKeeper(IDatasetGrain dataset, IngestLease lease, CancellationToken cancellationToken)
    {
        _upload = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _renewing = RenewAsync(dataset, lease);
    }

    /// <summary>Cancelled when the upload must stop: the caller cancelled it, or the lease was lost.</summary>
    public CancellationToken Token => _upload.Token;

    /// <summary>The refusal of a renewal, once the lease is lost; null while it is held.</summary>
    public Exception? Lost { get; private set; }

    /// <summary>Stops renewing.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
        _upload.Dispose();
    }

    private async Task RenewAsync(IDatasetGrain dataset, IngestLease lease)
    {
        const ConfigureAwaitOptions settle = ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext;
        var period = lease.Length / 4;
        while (true)
        {
            await Task.Delay(period, _stop.Token).ConfigureAwait(settle);
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            var renewal = dataset.RenewIngestAsync(lease.IngestId).WaitAsync(period, _stop.Token);
            await renewal.ConfigureAwait(settle);
            if (renewal.Exception?.InnerException is { } refused && !SiloLossRetry.IsSiloLoss(refused))
            {
                Lost = refused;
                await _upload.CancelAsync();
                return;
            }
        }
    }
}
