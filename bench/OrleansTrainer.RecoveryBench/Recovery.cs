namespace OrleansTrainer.RecoveryBench;

/// <summary>What one kill cost the job.</summary>
/// <param name="Index">1-based number of the kill.</param>
/// <param name="TrainerSilo">Whether the killed silo hosted the job's trainer.</param>
/// <param name="Victim">The killed silo's name.</param>
/// <param name="KilledAt">Wall-clock time of the kill (matches the silo logs' timestamps).</param>
/// <param name="RoundAtKill">Rounds the job had committed just before the kill.</param>
/// <param name="Seconds">From the kill until the committed round was seen past <paramref name="RoundAtKill"/>.</param>
/// <param name="SecondsToSecondRound">Until a second round was seen committed: the first round that started after the kill is then certainly done.</param>
/// <param name="Failures">Failed status calls during the recovery, by exception type.</param>
/// <param name="TrainerNowOn">The silo hosting the trainer after the recovery.</param>
internal sealed record Recovery(int Index, bool TrainerSilo, string Victim, string KilledAt, long RoundAtKill, double Seconds,
    double SecondsToSecondRound, IReadOnlyDictionary<string, int> Failures, string TrainerNowOn)
{
    /// <summary>The JSON line of this recovery.</summary>
    public JsonLine ToJson() => new JsonLine("recovery_after_sigkill")
        .With("value", Seconds).With("unit", "s").With("kill", Index).With("trainer_silo_killed", TrainerSilo)
        .With("victim", Victim).With("killed_at", KilledAt).With("round_at_kill", RoundAtKill)
        .With("to_second_round_s", SecondsToSecondRound).With("failed_status_calls", Failures)
        .With("trainer_now_on", TrainerNowOn);
}
