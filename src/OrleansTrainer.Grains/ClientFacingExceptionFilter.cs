using System.Reflection;

namespace OrleansTrainer.Grains;

/// <summary>
/// Faults a client can read: an exception raised inside a silo by a provider (Redis reminders or storage,
/// StackExchange.Redis) has a type from an assembly a client does not load, and reached <c>otrain</c> as "Unable to load
/// Orleans.Reminders.Redis.RedisRemindersException" instead of its message. A call from a client that fails with such an
/// exception (or one wrapping it) fails instead with an <see cref="OrleansException"/> that names the type and keeps the
/// messages; grain-to-grain calls, and exceptions of the runtime, the BCL and the project's contracts, pass unchanged.
/// </summary>
internal sealed class ClientFacingExceptionFilter : IIncomingGrainCallFilter
{
    /// <summary>The assemblies whose exception types every client loads (beside the runtime's own <c>System.*</c>).</summary>
    private static readonly HashSet<string> ClientAssemblies =
    [
        "Orleans.Core", "Orleans.Core.Abstractions", "Orleans.Serialization", "Orleans.Serialization.Abstractions",
        typeof(Abstractions.JobSpec).Assembly.GetName().Name!,
    ];

    /// <inheritdoc />
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception error) when (context.SourceId is { } source && source.Type.IsClient() && !Loadable(error))
        {
            throw new OrleansException(Describe(error));
        }
    }

    private static bool Loadable(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is AggregateException aggregate && !aggregate.InnerExceptions.All(Loadable))
            {
                return false;
            }

            var assembly = e.GetType().Assembly;
            if (assembly != typeof(object).Assembly && !IsSystem(assembly) && !ClientAssemblies.Contains(assembly.GetName().Name!))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSystem(Assembly assembly) => assembly.GetName().Name!.StartsWith("System.", StringComparison.Ordinal);

    /// <summary>"Type: message" for the exception and each one it wraps whose message adds something.</summary>
    private static string Describe(Exception error)
    {
        var parts = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (!parts.Any(p => p.Contains(e.Message, StringComparison.Ordinal)))
            {
                parts.Add($"{e.GetType().Name}: {e.Message}");
            }
        }

        return string.Join(" <- ", parts);
    }
}
