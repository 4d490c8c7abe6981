namespace OrleansTrainer.Numerics;

/// <summary>
/// Goes from a loss chosen at run time (<see cref="LossSpec.Accept{TVisitor, TResult}"/>) to code generic over the
/// loss type, which the JIT specializes per loss: no per-row switch.
/// </summary>
/// <typeparam name="TResult">What the visit returns.</typeparam>
public interface ILossVisitor<out TResult>
{
    /// <summary>Runs with the concrete loss.</summary>
    /// <typeparam name="TLoss">The loss type.</typeparam>
    /// <param name="loss">The loss, with its parameters.</param>
    /// <returns>The visit's result.</returns>
    TResult Visit<TLoss>(TLoss loss)
        where TLoss : struct, ILoss;
}
