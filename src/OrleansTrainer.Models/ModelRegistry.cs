using System.Diagnostics.CodeAnalysis;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Families;

namespace OrleansTrainer.Models;

/// <summary>Every model family, by kind and by name: the one place a <see cref="ModelKind"/> becomes its behaviour.</summary>
public static class ModelRegistry
{
    private static readonly Dictionary<ModelKind, ModelDescriptor> ByKind = new ModelDescriptor[]
    {
        LinearRegression.Descriptor,
        LogisticRegression.Descriptor,
        SoftmaxRegression.Descriptor,
        HuberRegression.Descriptor,
        PoissonRegression.Descriptor,
        LinearSvm.Descriptor,
    }.ToDictionary(d => d.Kind);

    /// <summary>The registered models, in <see cref="ModelKind"/> order.</summary>
    public static IReadOnlyList<ModelDescriptor> All { get; } = [.. ByKind.Values.OrderBy(d => d.Kind)];

    /// <summary>The descriptor of <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No model of that kind is registered.</exception>
    public static ModelDescriptor Of(ModelKind kind) =>
        ByKind.TryGetValue(kind, out var descriptor) ? descriptor : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown model kind.");

    /// <summary>Whether a model of <paramref name="kind"/> is registered.</summary>
    public static bool IsRegistered(ModelKind kind) => ByKind.ContainsKey(kind);

    /// <summary>The model whose <see cref="ModelDescriptor.Name"/> is <paramref name="name"/> (case-insensitive).</summary>
    public static bool TryFind(string name, [NotNullWhen(true)] out ModelDescriptor? descriptor)
    {
        descriptor = All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
        return descriptor is not null;
    }
}
