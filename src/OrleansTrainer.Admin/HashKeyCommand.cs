using OrleansTrainer.Admin.Security;

namespace OrleansTrainer.Admin;

/// <summary><c>dotnet OrleansTrainer.Admin.dll hash-key</c>: reads a key from standard input and prints the value for <c>Admin:KeyHash</c>.</summary>
public static class HashKeyCommand
{
    /// <summary>Whether the command line asks for this command.</summary>
    public static bool IsRequested(string[] args) => args is ["hash-key", ..];

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(TextReader input, TextWriter output, TextWriter error)
    {
        var key = input.ReadToEnd().TrimEnd('\r', '\n');
        if (key.Length < 12)
        {
            error.WriteLine("hash-key: give a key of at least 12 characters on standard input, e.g.: echo -n KEY | dotnet OrleansTrainer.Admin.dll hash-key");
            return 2;
        }

        output.WriteLine(AdminKeyHash.Create(key));
        return 0;
    }
}
