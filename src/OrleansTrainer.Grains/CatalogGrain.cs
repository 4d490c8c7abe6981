using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>A persisted, ordinally sorted list of dataset or job names.</summary>
public sealed class CatalogGrain(
    [PersistentState("catalog", TrainerStorage.ProviderName)] IPersistentState<CatalogState> state) : Grain, ICatalogGrain
{
    /// <inheritdoc />
    public async Task AddAsync(string name)
    {
        var index = state.State.Names.BinarySearch(name, StringComparer.Ordinal);
        if (index < 0)
        {
            state.State.Names.Insert(~index, name);
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string name)
    {
        var index = state.State.Names.BinarySearch(name, StringComparer.Ordinal);
        if (index >= 0)
        {
            state.State.Names.RemoveAt(index);
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<string[]> ListAsync() => Task.FromResult(state.State.Names.ToArray());
}
