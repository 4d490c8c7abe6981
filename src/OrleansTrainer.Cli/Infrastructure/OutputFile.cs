namespace OrleansTrainer.Cli.Infrastructure;

/// <summary>The rule for the files otrain writes (exported models, predictions): an existing one is replaced only when asked.</summary>
internal static class OutputFile
{
    /// <summary>Refuses an existing <paramref name="path"/> unless <paramref name="force"/> (<c>--force</c>).</summary>
    /// <exception cref="CliException">The file exists and <paramref name="force"/> is false.</exception>
    public static void RefuseOverwrite(string path, bool force)
    {
        if (File.Exists(path) && !force)
        {
            throw CliException.Failure($"{path} exists; pass --force to overwrite it");
        }
    }
}
