namespace OrleansTrainer.SoakBench;

/// <summary>One injected fault: a silo's SIGKILL or a Redis restart, when it struck, and how long the cluster took to be whole again.</summary>
/// <param name="Index">1-based, in order.</param>
/// <param name="Kind"><c>silo-kill</c>, <c>redis-restart-graceful</c> or <c>redis-restart-kill</c>.</param>
/// <param name="Target">The silo killed, or <c>redis</c>.</param>
/// <param name="At">The moment of a silo's SIGKILL; the moment redis-server had exited.</param>
/// <param name="RestoredSeconds">From <paramref name="At"/> until the replacement silo had joined, or Redis accepted connections again.</param>
internal sealed record FaultEvent(int Index, string Kind, string Target, DateTimeOffset At, double RestoredSeconds);
