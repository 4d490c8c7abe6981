using Orleans.Runtime.Placement;

namespace OrleansTrainer.Grains;

/// <summary>Moves an activation to a chosen silo through Orleans' grain migration with a placement hint.</summary>
internal static class Relocation
{
    /// <summary>Migrates <paramref name="grain"/> to <paramref name="silo"/> once it is idle, unless it is already there; returns whether it will move.</summary>
    public static bool MoveTo(IGrainBase grain, SiloAddress silo)
    {
        if (silo.Equals(grain.GrainContext.Address.SiloAddress))
        {
            return false;
        }

        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        grain.MigrateOnIdle();
        RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        return true;
    }
}
