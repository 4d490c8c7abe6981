using OrleansTrainer.Numerics;

namespace OrleansTrainer.Models.Metrics;

/// <summary>
/// The loss and link of a single-output model, resolved from its <see cref="LossSpec"/> once, so that scoring a row
/// calls the loss struct directly instead of switching on its kind.
/// </summary>
internal abstract class RowLoss
{
    /// <summary>The loss <paramref name="loss"/> names.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The spec is invalid (a Huber threshold that is not finite and positive).</exception>
    public static RowLoss Of(LossSpec loss) => loss.Accept<Factory, RowLoss>(default);

    /// <summary>loss(z, y).</summary>
    public abstract double Value(double z, double y);

    /// <summary>The prediction from the margin z (<see cref="ILoss.Link"/>).</summary>
    public abstract double Link(double z);

    private sealed class Typed<TLoss>(TLoss loss) : RowLoss
        where TLoss : struct, ILoss
    {
        public override double Value(double z, double y) => loss.Evaluate(z, y, out _);

        public override double Link(double z) => loss.Link(z);
    }

    private readonly struct Factory : ILossVisitor<RowLoss>
    {
        public RowLoss Visit<TLoss>(TLoss loss)
            where TLoss : struct, ILoss => new Typed<TLoss>(loss);
    }
}
