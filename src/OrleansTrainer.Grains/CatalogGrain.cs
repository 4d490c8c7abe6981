using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>A persisted, ordinally sorted list of dataset or job names; an empty list is no key at all.</summary>
public sealed class CatalogGrain(
    [PersistentState("catalog", TrainerStorage.ProviderName)] IPersistentState<CatalogState> state) : Grain, ICatalogGrain
{
    /// <inheritdoc />
    public async Task AddAsync(string name)
    {
        var index = state.State.Names.AsSpan().BinarySearch(name, StringComparer.Ordinal);
        if (index < 0)
        {
            await WriteAsync(state.State with { Names = state.State.Names.Insert(~index, name) });
        }
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string name)
    {
        var index = state.State.Names.AsSpan().BinarySearch(name, StringComparer.Ordinal);
        if (index >= 0)
        {
            await WriteAsync(state.State with { Names = state.State.Names.RemoveAt(index) });
        }
    }

    /// <inheritdoc />
    public Task<string[]> ListAsync() => Task.FromResult(state.State.Names.ToArray());

    /// <summary>
    /// Persists <paramref name="next"/>, or deletes the key when it lists no name (once every dataset or job is deleted,
    /// Redis holds nothing of them); on a failed write memory keeps what Redis holds.
    /// </summary>
    private async Task WriteAsync(CatalogState next)
    {
        var before = state.State;
        state.State = next;
        try
        {
            if (next.Names.IsEmpty)
            {
                await state.ClearStateAsync();
            }
            else
            {
                await state.WriteStateAsync();
            }
        }
        catch
        {
            state.State = before;
            throw;
        }
    }
}
