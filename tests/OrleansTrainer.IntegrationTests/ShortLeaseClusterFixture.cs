using OrleansTrainer.Grains;

namespace OrleansTrainer.IntegrationTests;

/// <summary>A cluster of its own whose ingestion leases last <see cref="Lease"/>, so that a lease runs out within a test.</summary>
public sealed class ShortLeaseClusterFixture() : TrainerClusterFixture(trainer => trainer.IngestLease = Lease)
{
    /// <summary>How long an ingestion's lease lasts on this cluster.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);
}
