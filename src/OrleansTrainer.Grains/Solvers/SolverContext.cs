namespace OrleansTrainer.Grains;

/// <summary>What a solver's driver starts from.</summary>
/// <param name="Operations">The distributed operations of the job's rounds (and through them the job's context).</param>
/// <param name="Services">What the trainer's activation lends its solver.</param>
/// <param name="CommittedRound">The rounds the trainer has committed.</param>
/// <param name="Checkpoint">The solver state the trainer persisted with its last committed round; null if none.</param>
/// <param name="PreviousObjective">The objective of the last committed round, read when a round ends.</param>
internal sealed record SolverContext(
    RoundOperations Operations, SolverServices Services, long CommittedRound, SolverCheckpoint? Checkpoint, Func<double> PreviousObjective)
{
    /// <summary>The job.</summary>
    public JobContext Job => Operations.Context;
}
