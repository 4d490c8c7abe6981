using Microsoft.Extensions.Hosting;

namespace OrleansTrainer.Client;

/// <summary>
/// The lifetime of the client's own host, which lives inside the caller's program: it starts and stops when the client
/// connects and is disposed, and leaves Ctrl-C and SIGTERM to the program. (The default, <c>ConsoleLifetime</c>, took
/// Ctrl-C for itself: it stopped the client's host and kept the program running, so <c>otrain</c> could not be interrupted.)
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
