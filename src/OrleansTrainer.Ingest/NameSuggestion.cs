namespace OrleansTrainer.Ingest;

/// <summary>"Did you mean" for a column name that is not there: the closest name by edit distance, when it is close.</summary>
internal static class NameSuggestion
{
    /// <summary>
    /// <c>; did you mean "x"?</c> for the name among <paramref name="candidates"/> nearest <paramref name="name"/>
    /// (Levenshtein distance, case ignored), when that distance is at most a third of the name's length (at least 1,
    /// at most 3); empty otherwise.
    /// </summary>
    public static string DidYouMean(string name, IEnumerable<string> candidates)
    {
        int limit = Math.Clamp(name.Length / 3, 1, 3);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best is not null && bestDistance <= limit ? $"; did you mean \"{best}\"?" : "";
    }

    /// <summary>The Levenshtein distance: insertions, deletions and substitutions of one character each count 1.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
