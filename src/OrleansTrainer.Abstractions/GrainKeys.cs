using System.Globalization;

namespace OrleansTrainer.Abstractions;

/// <summary>Builds and parses the composite grain keys <c>{owner}/{index}</c> of shards and weight blocks.</summary>
public static class GrainKeys
{
    /// <summary>The key of shard or block <paramref name="index"/> of <paramref name="owner"/>.</summary>
    public static string Child(string owner, int index) => string.Create(CultureInfo.InvariantCulture, $"{owner}/{index}");

    /// <summary>Splits a composite key into its owner and index.</summary>
    /// <exception cref="ArgumentException">The key is not of the form <c>{owner}/{index}</c>.</exception>
    public static (string Owner, int Index) Parse(string key)
    {
        var slash = key.LastIndexOf('/');
        if (slash <= 0 || !int.TryParse(key.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new ArgumentException($"\"{key}\" is not a key of the form {{owner}}/{{index}}.", nameof(key));
        }

        return (key[..slash], index);
    }
}
