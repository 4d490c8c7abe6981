namespace OrleansTrainer.RecoveryBench;

/// <summary>What one kill cost the job.</summary>
/// <param name="Index">1-based number of the kill.</param>
/// <param name="TrainerSilo">Whether the killed silo hosted the job's trainer.</param>
/// <param name="Victim">The killed silo's name.</param>
/// <param name="KilledAt">When SIGKILL was sent.</param>
/// <param name="RoundAtKill">Rounds the job had committed just before the kill.</param>
/// <param name="FirstAdvanceSeconds">From the kill until the committed round was first seen past <paramref name="RoundAtKill"/>.</param>
/// <param name="Seconds">
/// From the kill until the committed round was seen at <paramref name="RoundAtKill"/> + 2: the first round that started
/// after the kill has then committed. This is the recovery time: the round under way at the kill may commit without
/// the dead silo (or have committed between the status read and the signal), which would time nothing.
/// </param>
/// <param name="Failures">Failed status calls during the recovery, by exception type.</param>
/// <param name="TrainerWasOn">The silo hosting the trainer before the kill.</param>
/// <param name="TrainerNowOn">
/// The silo hosting the trainer after the recovery. It can change even when another silo was killed: Orleans
/// deactivates every activation whose grain-directory entry lived on the dead silo, and the trainer re-activates.
/// </param>
internal sealed record Recovery(int Index, bool TrainerSilo, string Victim, DateTimeOffset KilledAt, long RoundAtKill, double FirstAdvanceSeconds,
    double Seconds, IReadOnlyDictionary<string, int> Failures, string TrainerWasOn,
    string TrainerNowOn)
{
    /// <summary>The JSON line of this recovery.</summary>
    public JsonLine ToJson() => new JsonLine("recovery_after_sigkill")
        .With("value", Seconds).With("unit", "s").With("kill", Index).With("trainer_silo_killed", TrainerSilo)
        .With("victim", Victim).With("killed_at", KilledAt.ToLocalTime().ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)).With("round_at_kill", RoundAtKill)
        .With("first_advance_s", FirstAdvanceSeconds).With("failed_status_calls", Failures)
        .With("trainer_was_on", TrainerWasOn).With("trainer_now_on", TrainerNowOn);
}
