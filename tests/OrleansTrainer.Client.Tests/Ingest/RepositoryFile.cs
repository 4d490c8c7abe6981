namespace OrleansTrainer.Client.Tests.Ingest;

/// <summary>Finds files of the repository from the test binaries, which are built inside it.</summary>
internal static class RepositoryFile
{
    public static string Find(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relativePath} not found above {AppContext.BaseDirectory}");
    }
}
