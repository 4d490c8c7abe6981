using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Client;

namespace OrleansTrainer.Cli.Commands;

/// <summary>
/// <c>--init-model FILE</c> of <c>otrain train</c>, <c>cv</c> and <c>sweep</c>: a model written by <c>otrain model export</c>
/// that the job starts from (<see cref="JobSpec.InitialModel"/>). Every error about it names the option and the file.
/// </summary>
internal static class InitialModelOption
{
    /// <summary>The option as the user types it.</summary>
    public const string Name = "--init-model";

    /// <summary>Refuses a file that does not exist before the cluster is contacted.</summary>
    public static void CheckExists(string? path)
    {
        if (path is not null && !File.Exists(path))
        {
            throw CliException.NotFound($"{Name} {path}: the file does not exist");
        }
    }

    /// <summary><paramref name="spec"/> starting from the model in <paramref name="path"/>; unchanged without a file.</summary>
    public static async Task<JobSpec> ApplyAsync(JobSpec spec, string? path, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return spec;
        }

        try
        {
            return spec with { InitialModel = (await LinearModel.LoadAsync(path, cancellationToken)).ToInitialModel() };
        }
        catch (FormatException error)
        {
            // LinearModel.LoadAsync's message starts with the file's path.
            throw CliException.Usage($"{Name} {error.Message}");
        }
        catch (ArgumentException error)
        {
            throw CliException.Usage($"{Name} {path}: {error.Message}");
        }
    }

    /// <summary>Whether the cluster refused a job for its initial model: such refusals name <see cref="JobSpec.InitialModel"/>.</summary>
    public static bool IsRefusal(ArgumentException refused) => refused.Message.Contains(nameof(JobSpec.InitialModel), StringComparison.Ordinal);

    /// <summary>A refusal of the model in <paramref name="path"/>, naming the option and the file.</summary>
    public static CliException Refusal(ArgumentException refused, string path) => CliException.Usage($"{Name} {path}: {refused.Message}");
}
