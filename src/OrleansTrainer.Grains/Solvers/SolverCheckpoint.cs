namespace OrleansTrainer.Grains;

/// <summary>
/// A solver's own state, persisted with the trainer after every committed round so that a re-activated trainer continues
/// the same iteration bit for bit; one derived record per solver that has any (most have none: their state is the
/// blocks').
/// </summary>
[GenerateSerializer, Alias("otrain.SolverCheckpoint")]
public abstract record SolverCheckpoint
{
    /// <summary>A short description for the admin console.</summary>
    public abstract string Describe();

    /// <summary>
    /// Why the solver stopped for good (converged at the job's tolerance, or no progress possible), so that more rounds
    /// would not move it; null while it could go on.
    /// </summary>
    public virtual string? StoppedReason => null;
}
