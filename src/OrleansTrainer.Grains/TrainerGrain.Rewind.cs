using Microsoft.Extensions.Logging;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

public sealed partial class TrainerGrain
{
    /// <summary>
    /// After a failed round or a refused write, reads the job's record again: when Redis holds an earlier round (or
    /// another status) than <paramref name="memory"/>, it lost writes it had acknowledged (docs/faults.md, "Redis losing
    /// acknowledged writes"), and the trainer goes on from what Redis holds — the next round rebuilds the driver from
    /// it — with a <see cref="JobEventKind.StorageRewound"/> event; otherwise memory stays as it was. A read that fails
    /// (Redis still away) changes nothing; the next failure reads again.
    /// </summary>
    private async Task ReloadIfStorageRewoundAsync(JobState memory)
    {
        try
        {
            await state.ReadStateAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            state.State = memory;
            LogStorageCheckFailed(ex, Name);
            return;
        }

        var stored = state.State;
        if (stored.Round == memory.Round && stored.Status == memory.Status)
        {
            state.State = memory;
            return;
        }

        _driver = null;
        _retry.Reset();
        LogStorageRewound(Name, memory.Round, memory.Status, stored.Round, stored.Status);
        _history.Add(JobEventKind.StorageRewound, stored.Round, stored.Status == memory.Status
            ? $"Redis lost acknowledged writes: it holds round {stored.Round}, the trainer had committed round {memory.Round}; resuming from round {stored.Round}"
            : $"Redis lost acknowledged writes: it holds round {stored.Round} ({stored.Status}), the trainer had round {memory.Round} ({memory.Status}); going on from what Redis holds");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: Redis lost acknowledged writes: it holds round {StoredRound} ({StoredStatus}), memory had round {Round} ({Status}); going on from Redis")]
    private partial void LogStorageRewound(string job, long round, JobStatus status, long storedRound, JobStatus storedStatus);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {Job}: reading its record after a failed round failed too; it is read again after the next failure")]
    private partial void LogStorageCheckFailed(Exception exception, string job);
}
