using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>The refusals that job-spec validation shares: one message format, and the rules several solvers apply alike.</summary>
internal static class SpecRules
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the job and <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static void Require(bool condition, JobSpec spec, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Job \"{spec.Name}\": {message}.");
        }
    }

    /// <summary>Refuses SSP and asynchronous consistency: the solver's rounds are bulk-synchronous only.</summary>
    public static void RequireBsp(JobSpec spec, string solver) =>
        Require(spec.Consistency == ConsistencyMode.Bsp, spec,
            $"{spec.Consistency} consistency applies to the block-side GradientDescent and MiniBatchSgd solvers only, not {solver}");

    /// <summary>Refuses a sparse dataset, naming the solvers that take one.</summary>
    public static void RefuseSparse(JobSpec spec, DatasetInfo dataset, string solver) =>
        Require(!dataset.Schema.IsSparse, spec, $"dataset \"{spec.Dataset}\" is sparse: use GradientDescent, MiniBatchSgd, LocalSgd or Lbfgs, not {solver}");

    /// <summary>Sparse rounds run in BSP consistency only.</summary>
    public static void RequireBspOnSparse(JobSpec spec, DatasetInfo dataset) =>
        Require(!dataset.Schema.IsSparse || spec.Consistency == ConsistencyMode.Bsp, spec,
            $"dataset \"{spec.Dataset}\" is sparse, and sparse rounds run in Bsp consistency only, not {spec.Consistency}");
}
