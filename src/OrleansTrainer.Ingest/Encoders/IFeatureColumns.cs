namespace OrleansTrainer.Ingest.Encoders;

/// <summary>The feature columns of a source of named columns (a CSV header, a table) as the <see cref="EncodingPlanner"/> sees them, its errors in the source's own terms.</summary>
internal interface IFeatureColumns
{
    /// <summary>The feature columns' names, in dataset order.</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The position among <see cref="FeatureNames"/> of <paramref name="column"/>, which an option gives a <paramref name="role"/> ("categorical", "hashed").</summary>
    /// <exception cref="FormatException">The source's error: no column has the name (the nearest one suggested), or it is not a feature.</exception>
    int FeatureSlotOf(string column, string role);

    /// <summary>The source's error about <paramref name="column"/> as a whole, in no particular row.</summary>
    FormatException Error(string column, string reason);
}
