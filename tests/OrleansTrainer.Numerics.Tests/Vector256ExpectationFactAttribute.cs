namespace OrleansTrainer.Numerics.Tests;

/// <summary>
/// A fact about what the test run expects of 256-bit vectors, stated in <see cref="Variable"/>: tests/run-tests.sh sets
/// it to 1 for its first run (on hardware AVX2) and to 0 for the run with AVX switched off. Without it the fact is
/// reported as skipped.
/// </summary>
public sealed class Vector256ExpectationFactAttribute : FactAttribute
{
    /// <summary>The environment variable: 1 when Vector256 must be hardware accelerated, 0 when it must not be.</summary>
    public const string Variable = "OTRAIN_EXPECT_VECTOR256";

    /// <summary>Skips the fact when the run states no expectation.</summary>
    public Vector256ExpectationFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} is not set (tests/run-tests.sh sets it)";
        }
    }

    /// <summary>The run's expectation: whether Vector256 is hardware accelerated.</summary>
    /// <exception cref="InvalidOperationException">The variable is neither 1 nor 0.</exception>
    public static bool ExpectsAcceleration() => Environment.GetEnvironmentVariable(Variable) switch
    {
        "1" => true,
        "0" => false,
        var other => throw new InvalidOperationException($"{Variable} must be 1 or 0, not \"{other}\"."),
    };
}
