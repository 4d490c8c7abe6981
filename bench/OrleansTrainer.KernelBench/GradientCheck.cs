using OrleansTrainer.Numerics;

namespace OrleansTrainer.KernelBench;

/// <summary>Checks that the timed kernel computes what the peer computes: ||X^T r|| / n at the peer's point.</summary>
internal static class GradientCheck
{
    public static Figure Against(OtdsDense<float> data, PeerTiming peer)
    {
        var gradient = new double[data.Columns];
        GradientKernel.Accumulate(
            LossKind.SquaredError, data.Features, data.Labels, PeerPoint.Weights(data.Columns), PeerPoint.Intercept, gradient);
        var ours = Math.Sqrt(gradient.Sum(g => g * g)) / data.Rows;
        var details = new Dictionary<string, object> { ["kernel_grad_l2"] = ours, ["numpy_grad_l2"] = peer.GradientL2 };
        return new Figure("gradient_check_f32_relative_difference", Math.Abs(ours - peer.GradientL2) / peer.GradientL2, "ratio", details);
    }
}
