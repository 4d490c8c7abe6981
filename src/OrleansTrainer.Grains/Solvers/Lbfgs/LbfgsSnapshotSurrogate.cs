using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>How Orleans stores the numerics' <see cref="LbfgsSnapshot"/> (a plain class with no Orleans attributes); vectors as bytes.</summary>
[GenerateSerializer, Alias("otrain.LbfgsSnapshot")]
public struct LbfgsSnapshotSurrogate
{
    /// <summary>See <see cref="LbfgsSnapshot.Status"/>.</summary>
    [Id(0)] public LbfgsStatus Status;

    /// <summary>See <see cref="LbfgsSnapshot.StopReason"/>.</summary>
    [Id(1)] public string? StopReason;

    /// <summary>See <see cref="LbfgsSnapshot.Iterations"/>.</summary>
    [Id(2)] public int Iterations;

    /// <summary>See <see cref="LbfgsSnapshot.Evaluations"/>.</summary>
    [Id(3)] public int Evaluations;

    /// <summary>See <see cref="LbfgsSnapshot.Current"/>.</summary>
    [Id(4)] public byte[] Current;

    /// <summary>See <see cref="LbfgsSnapshot.CurrentGradient"/>.</summary>
    [Id(5)] public byte[] CurrentGradient;

    /// <summary>See <see cref="LbfgsSnapshot.CurrentObjective"/>.</summary>
    [Id(6)] public double CurrentObjective;

    /// <summary>See <see cref="LbfgsSnapshot.CurrentGradientNorm"/>.</summary>
    [Id(7)] public double CurrentGradientNorm;

    /// <summary>See <see cref="LbfgsSnapshot.Direction"/>.</summary>
    [Id(8)] public byte[] Direction;

    /// <summary>See <see cref="LbfgsSnapshot.PointToEvaluate"/>.</summary>
    [Id(9)] public byte[] PointToEvaluate;

    /// <summary>See <see cref="LbfgsSnapshot.PairSteps"/>.</summary>
    [Id(10)] public byte[] PairSteps;

    /// <summary>See <see cref="LbfgsSnapshot.PairGradientChanges"/>.</summary>
    [Id(11)] public byte[] PairGradientChanges;

    /// <summary>See <see cref="LbfgsSnapshot.PairInverseCurvatures"/>.</summary>
    [Id(12)] public byte[] PairInverseCurvatures;

    /// <summary>See <see cref="LbfgsSnapshot.PairCount"/>.</summary>
    [Id(13)] public int PairCount;

    /// <summary>See <see cref="LbfgsSnapshot.NextPair"/>.</summary>
    [Id(14)] public int NextPair;

    /// <summary>See <see cref="LbfgsSnapshot.LineSearchStartValue"/>.</summary>
    [Id(15)] public double LineSearchStartValue;

    /// <summary>See <see cref="LbfgsSnapshot.LineSearchStep"/>.</summary>
    [Id(16)] public double LineSearchStep;

    /// <summary>See <see cref="LbfgsSnapshot.LineSearchTrials"/>.</summary>
    [Id(17)] public int LineSearchTrials;

    /// <summary>See <see cref="LbfgsSnapshot.PairGenerations"/>.</summary>
    [Id(18)] public long[] PairGenerations;

    /// <summary>See <see cref="LbfgsSnapshot.PairsAdded"/>.</summary>
    [Id(19)] public long PairsAdded;

    /// <summary>See <see cref="LbfgsSnapshot.StartGradientNorm"/>.</summary>
    [Id(20)] public double StartGradientNorm;

    /// <summary>See <see cref="LbfgsSnapshot.PairOrigins"/>.</summary>
    [Id(21)] public long[] PairOrigins;

    /// <summary>See <see cref="LbfgsSnapshot.DirectionIsSteepestDescent"/>.</summary>
    [Id(22)] public bool DirectionIsSteepestDescent;
}

/// <summary>Converts <see cref="LbfgsSnapshot"/> to and from its surrogate.</summary>
[RegisterConverter]
public sealed class LbfgsSnapshotConverter : IConverter<LbfgsSnapshot, LbfgsSnapshotSurrogate>
{
    /// <inheritdoc />
    public LbfgsSnapshot ConvertFromSurrogate(in LbfgsSnapshotSurrogate surrogate) => new()
    {
        Status = surrogate.Status,
        StopReason = surrogate.StopReason,
        Iterations = surrogate.Iterations,
        Evaluations = surrogate.Evaluations,
        Current = DenseBuffers.AsDoubles(surrogate.Current).ToArray(),
        CurrentGradient = DenseBuffers.AsDoubles(surrogate.CurrentGradient).ToArray(),
        CurrentObjective = surrogate.CurrentObjective,
        CurrentGradientNorm = surrogate.CurrentGradientNorm,
        StartGradientNorm = surrogate.StartGradientNorm,
        Direction = DenseBuffers.AsDoubles(surrogate.Direction).ToArray(),
        DirectionIsSteepestDescent = surrogate.DirectionIsSteepestDescent,
        PointToEvaluate = DenseBuffers.AsDoubles(surrogate.PointToEvaluate).ToArray(),
        PairSteps = DenseBuffers.AsDoubles(surrogate.PairSteps).ToArray(),
        PairGradientChanges = DenseBuffers.AsDoubles(surrogate.PairGradientChanges).ToArray(),
        PairInverseCurvatures = DenseBuffers.AsDoubles(surrogate.PairInverseCurvatures).ToArray(),
        PairCount = surrogate.PairCount,
        NextPair = surrogate.NextPair,
        LineSearchStartValue = surrogate.LineSearchStartValue,
        LineSearchStep = surrogate.LineSearchStep,
        LineSearchTrials = surrogate.LineSearchTrials,
        PairGenerations = surrogate.PairGenerations ?? [],
        PairOrigins = surrogate.PairOrigins ?? [],
        PairsAdded = surrogate.PairsAdded,
    };

    /// <inheritdoc />
    public LbfgsSnapshotSurrogate ConvertToSurrogate(in LbfgsSnapshot value) => new()
    {
        Status = value.Status,
        StopReason = value.StopReason,
        Iterations = value.Iterations,
        Evaluations = value.Evaluations,
        Current = DenseBuffers.ToBytes(value.Current),
        CurrentGradient = DenseBuffers.ToBytes(value.CurrentGradient),
        CurrentObjective = value.CurrentObjective,
        CurrentGradientNorm = value.CurrentGradientNorm,
        StartGradientNorm = value.StartGradientNorm,
        Direction = DenseBuffers.ToBytes(value.Direction),
        DirectionIsSteepestDescent = value.DirectionIsSteepestDescent,
        PointToEvaluate = DenseBuffers.ToBytes(value.PointToEvaluate),
        PairSteps = DenseBuffers.ToBytes(value.PairSteps),
        PairGradientChanges = DenseBuffers.ToBytes(value.PairGradientChanges),
        PairInverseCurvatures = DenseBuffers.ToBytes(value.PairInverseCurvatures),
        PairCount = value.PairCount,
        NextPair = value.NextPair,
        LineSearchStartValue = value.LineSearchStartValue,
        LineSearchStep = value.LineSearchStep,
        LineSearchTrials = value.LineSearchTrials,
        PairGenerations = value.PairGenerations,
        PairOrigins = value.PairOrigins,
        PairsAdded = value.PairsAdded,
    };
}
