using System.Globalization;

namespace OrleansTrainer.Abstractions;

/// <summary>
/// Who steers a job. A caller names itself around a control call (pause, resume, learning rate, cancel, continue) and
/// the trainer appends <c>by ACTOR</c> to the history entry that call makes. The name travels in Orleans'
/// <see cref="RequestContext"/>, not as a method argument, so the grain interface keeps its signatures and callers
/// that name no one (older clients, the trainer's own stopping rules) record what they always did.
/// </summary>
public static class JobActor
{
    /// <summary>The <see cref="RequestContext"/> key that carries the actor.</summary>
    public const string ContextKey = "otrain.actor";

    /// <summary>
    /// Names <paramref name="actor"/> (e.g. <c>alice (console)</c>) for the grain calls made from this asynchronous flow
    /// until the returned scope is disposed.
    /// </summary>
    public static IDisposable As(string actor)
    {
        RequestContext.Set(ContextKey, actor);
        return new Scope();
    }

    /// <summary>
    /// <paramref name="detail"/> with <c>by ACTOR</c> appended when the grain call being handled names an actor;
    /// <paramref name="detail"/> unchanged otherwise.
    /// </summary>
    public static string Attribute(string detail) => RequestContext.Get(ContextKey) is string { Length: > 0 } actor
        ? string.Create(CultureInfo.InvariantCulture, $"{detail}{(detail.Length > 0 ? " " : "")}by {actor}")
        : detail;

    private sealed class Scope : IDisposable
    {
        public void Dispose() => RequestContext.Remove(ContextKey);
    }
}
