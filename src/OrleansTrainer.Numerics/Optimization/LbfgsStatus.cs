namespace OrleansTrainer.Numerics;

/// <summary>Where an <see cref="LbfgsMinimizer"/> stands after <see cref="LbfgsMinimizer.Observe"/>.</summary>
public enum LbfgsStatus
{
    /// <summary>Evaluate the smooth objective and its gradient at <see cref="LbfgsMinimizer.PointToEvaluate"/> and observe them.</summary>
    NeedEvaluation,

    /// <summary>A stopping test passed; <see cref="LbfgsMinimizer.StopReason"/> says which.</summary>
    Converged,

    /// <summary>The line search could not decrease the objective (or the start point was not finite); the last accepted point stays.</summary>
    Failed,
}
