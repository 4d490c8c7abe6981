using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>
/// One per-row loss of a single-output linear model, everything the kernels and predictions need of it in one place:
/// value and derivative on one prediction and on four (the lanes of a <see cref="Vector256{T}"/>, same formulas lane by
/// lane), which labels it takes, and the link from the linear predictor to the prediction. Implemented by
/// <c>readonly struct</c>s so that the kernels, generic over the loss, are specialized by the JIT per loss.
/// </summary>
public interface ILoss
{
    /// <summary>Whether some labels are refused (<see cref="AcceptsLabel"/>); the kernels skip the label scan when not.</summary>
    bool ChecksLabels { get; }

    /// <summary>What the loss needs of its labels, as a clause for an error message ("the Poisson loss needs labels ≥ 0").</summary>
    string LabelRequirement { get; }

    /// <summary>Returns loss(z, y) and sets <paramref name="derivative"/> to dloss/dz.</summary>
    /// <param name="z">The prediction x·w + b.</param>
    /// <param name="y">The label.</param>
    /// <param name="derivative">dloss/dz.</param>
    /// <returns>The loss; NaN when <paramref name="z"/> is NaN.</returns>
    double Evaluate(double z, double y, out double derivative);

    /// <summary>Per lane: returns loss(z, y) and sets <paramref name="derivative"/> to dloss/dz (within a few ulps of <see cref="Evaluate"/>).</summary>
    /// <param name="z">Four predictions.</param>
    /// <param name="y">Their labels.</param>
    /// <param name="derivative">dloss/dz per lane.</param>
    /// <returns>The four losses.</returns>
    Vector256<double> Evaluate4(Vector256<double> z, Vector256<double> y, out Vector256<double> derivative);

    /// <summary>Whether the loss takes label <paramref name="y"/>.</summary>
    /// <param name="y">The label.</param>
    /// <returns>False for a label the loss cannot take.</returns>
    bool AcceptsLabel(double y);

    /// <summary>The prediction from the linear predictor <paramref name="z"/> (identity, sigmoid, exp, a class...).</summary>
    /// <param name="z">x·w + b.</param>
    /// <returns>The prediction.</returns>
    double Link(double z);
}
