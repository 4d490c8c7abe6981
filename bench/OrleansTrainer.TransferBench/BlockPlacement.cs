using OrleansTrainer.Abstractions;

namespace OrleansTrainer.TransferBench;

/// <summary>Puts a weight block on the silo the bench does not run in, by the migration the trainer balances with.</summary>
internal static class BlockPlacement
{
    /// <summary>Moves <paramref name="block"/> (activated) to the active silo other than <paramref name="here"/>; returns that silo.</summary>
    public static async Task<SiloAddress> MoveAwayAsync(IGrainFactory grains, IWeightBlockGrain block, SiloAddress here)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        var there = hosts.Keys.Single(silo => !silo.Equals(here));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!there.Equals(await management.GetActivationAddress(block)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Weight block {block.GetPrimaryKeyString()} did not move to silo {there}.");
            }

            await block.MoveToAsync(there);
            await Task.Delay(200);
        }

        return there;
    }
}
