using System.Text.RegularExpressions;
using OrleansTrainer.RecoveryBench;
using StackExchange.Redis;

namespace OrleansTrainer.SoakBench;

/// <summary>The keys in Redis, grouped by pattern: job names become <c>{job}</c>, dataset names <c>{dataset}</c>, the cluster id <c>{cluster}</c>, numbers <c>#</c>.</summary>
internal static partial class RedisKeys
{
    /// <summary>Every key (SCAN), as a JSON line <paramref name="name"/> with the count, the count per pattern and up to 30 of the keys.</summary>
    public static async Task<(int Count, JsonLine Line)> DescribeAsync(IConnectionMultiplexer redis, string name, string clusterId)
    {
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: "*", pageSize: 1000))
        {
            keys.Add(key.ToString());
        }

        keys.Sort(StringComparer.Ordinal);
        var patterns = keys.GroupBy(k => Pattern(k, clusterId)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
        return (keys.Count, new JsonLine(name).With("value", keys.Count).With("unit", "keys").With("patterns", patterns)
            .With("keys", keys.Take(30).ToArray()));
    }

    private static string Pattern(string key, string clusterId) =>
        Number().Replace(Dataset().Replace(Job().Replace(key.Replace(clusterId, "{cluster}", StringComparison.Ordinal), "{job}"), "{dataset}"), "#");

    [GeneratedRegex(@"(soak-\d{4}|ref)-[a-z]+(-[a-z]+)*")]
    private static partial Regex Job();

    [GeneratedRegex(@"soak-(reg|wide|bin|sparse)")]
    private static partial Regex Dataset();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}
