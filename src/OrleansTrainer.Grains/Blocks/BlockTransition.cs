using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>A change a weight block's ledger decided: the state to make current and what to answer the caller.</summary>
/// <param name="Next">The new state; the block persists it first when <paramref name="Durable"/>, then hands it to <see cref="BlockLedger.Accept"/>.</param>
/// <param name="Result">The commit's result, returned to the caller (and again if the commit is replayed).</param>
/// <param name="Durable">Whether the state must reach Redis before it becomes current (false for the points of trainer-side solvers).</param>
internal sealed record BlockTransition(WeightBlockState Next, BlockCommitResult Result, bool Durable);
