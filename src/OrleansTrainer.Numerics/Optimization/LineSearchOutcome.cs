namespace OrleansTrainer.Numerics;

/// <summary>The verdict of <see cref="BacktrackingLineSearch.Judge"/> on one trial point.</summary>
public enum LineSearchOutcome
{
    /// <summary>The trial decreased the objective enough: take it.</summary>
    Accept,

    /// <summary>Not enough decrease: try again at the (already shortened) <see cref="BacktrackingLineSearch.Step"/>.</summary>
    TryShorterStep,

    /// <summary>Not enough decrease and no trials left.</summary>
    GiveUp,
}
