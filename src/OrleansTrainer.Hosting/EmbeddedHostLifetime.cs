using Microsoft.Extensions.Hosting;

namespace OrleansTrainer.Hosting;

/// <summary>
/// The lifetime of a host that runs inside another: it neither waits for nor reacts to signals (SIGTERM, Ctrl+C), so
/// only the outer host decides when it stops.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
