using System.Globalization;

namespace OrleansTrainer.RecoveryBench;

/// <summary>What one fault cost a job that no client was calling; every time is in seconds from the (last) SIGKILL.</summary>
/// <param name="Fault"><c>trainer-silo-kill</c> or <c>whole-cluster-restart</c>.</param>
/// <param name="Index">1-based number of the fault.</param>
/// <param name="KilledAt">When the (last) SIGKILL was sent.</param>
/// <param name="RoundsAtKill">Rounds committed when the killed silos had exited.</param>
/// <param name="Started">When the first restarted silo's gateway accepted connections; 0 when live silos remained.</param>
/// <param name="Ready">When a live silo answered its readiness probe (joined, Redis reachable); 0 when live silos remained.</param>
/// <param name="FirstRound">When the first round committed after the kill was seen in Redis.</param>
internal sealed record UnwatchedRecovery(string Fault, int Index, DateTimeOffset KilledAt, long RoundsAtKill, double Started, double Ready, double FirstRound)
{
    /// <summary>From a live silo being ready to the next committed round: what issue 16 bounds by 5 s.</summary>
    public double AfterReady => FirstRound - Ready;

    /// <summary>The JSON line of this recovery; <paramref name="trainerView"/> is the trainer's own stamp of that round (from the job's metrics afterwards).</summary>
    public JsonLine ToJson(double trainerView) => new JsonLine("recovery_no_client")
        .With("value", AfterReady).With("unit", "s").With("fault", Fault).With("index", Index)
        .With("killed_at", KilledAt.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)).With("rounds_at_kill", RoundsAtKill)
        .With("silo_started_after_kill_s", Started).With("silo_ready_after_kill_s", Ready).With("first_round_after_kill_s", FirstRound)
        .With("first_round_after_silo_started_s", FirstRound - Started).With("trainer_view_after_kill_s", trainerView);
}
