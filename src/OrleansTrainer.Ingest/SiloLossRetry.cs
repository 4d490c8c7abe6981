using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Retries an ingestion call that failed because a silo was lost — its process died, its connection broke, it answered
/// nothing within the response timeout — with a pause doubling from 100 ms to 5 s, ten attempts in all (about 21 s of
/// pauses: time for the cluster to declare the silo dead, after which the call reaches the grain's new activation on a
/// live silo). Only for calls that may be repeated: a chunk's append (a replay is ignored by the shard) and an
/// ingestion's completion (a completed one answers again). Any other error is the caller's at once.
/// </summary>
internal static class SiloLossRetry
{
    private const int Attempts = 10;
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    /// <summary>Whether <paramref name="error"/> says a silo was lost (or could not be reached), not that the call was refused.</summary>
    public static bool IsSiloLoss(Exception error) =>
        error is OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException or TimeoutException;

    /// <summary>Runs <paramref name="call"/>, again after a pause while it fails with a silo loss, at most ten times.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception error) when (attempt < Attempts && IsSiloLoss(error))
            {
                await Task.Delay(pause, cancellationToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }

    /// <inheritdoc cref="RunAsync{T}(Func{Task{T}}, CancellationToken)"/>
    public static Task RunAsync(Func<Task> call, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await call();
            return true;
        }, cancellationToken);
}
