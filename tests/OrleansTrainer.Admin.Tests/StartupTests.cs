using System.Diagnostics;
using OrleansTrainer.Admin.Security;

namespace OrleansTrainer.Admin.Tests;

/// <summary>The console's start-up checks and its key hashing, run as the real program.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Outside_development_the_console_refuses_to_start_without_a_key_or_with_the_default_one()
    {
        var empty = await RunAsync([], new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" });
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("Admin:KeyHash is empty and Admin:Users lists no one", empty.Error);

        var development = await RunAsync([], new() { ["ASPNETCORE_ENVIRONMENT"] = "Staging", ["OTRAIN_Admin__KeyHash"] = AdminKeyHash.Create(AdminKeyPolicy.DevelopmentKey) });
        Assert.Equal(1, development.ExitCode);
        Assert.Contains("default development key", development.Error);

        var malformed = await RunAsync(["--Admin:KeyHash=plaintext-secret"], new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" });
        Assert.Equal(1, malformed.ExitCode);
        Assert.Contains("is not of the form", malformed.Error);
    }

    [Fact]
    public async Task The_console_refuses_to_start_with_a_malformed_user_or_lockout_setting()
    {
        var production = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        var hash = AdminKeyHash.Create("a-proper-secret-key-0123");

        var role = await RunAsync([$"--Admin:Users:alice:KeyHash={hash}", "--Admin:Users:alice:Role=Superuser"], production);
        Assert.Equal(1, role.ExitCode);
        Assert.Contains("Admin:Users:alice:Role is \"Superuser\"; it must be Viewer or Operator", role.Error);

        var name = await RunAsync([$"--Admin:Users:-alice:KeyHash={hash}"], production);
        Assert.Equal(1, name.ExitCode);
        Assert.Contains("Admin:Users:-alice is not a user name", name.Error);

        var clash = await RunAsync([$"--Admin:KeyHash={hash}", $"--Admin:Users:Admin:KeyHash={hash}"], production);
        Assert.Equal(1, clash.ExitCode);
        Assert.Contains("clashes with the user Admin:KeyHash signs in as", clash.Error);

        var userHash = await RunAsync(["--Admin:Users:alice:KeyHash=plaintext-secret"], production);
        Assert.Equal(1, userHash.ExitCode);
        Assert.Contains("Admin:Users:alice:KeyHash is not of the form", userHash.Error);

        var lockout = await RunAsync([$"--Admin:KeyHash={hash}", "--Admin:Lockout:Failures=0", "--Admin:Lockout:Duration=-00:00:01"], production);
        Assert.Equal(1, lockout.ExitCode);
        Assert.Contains("Admin:Lockout:Failures is 0", lockout.Error);
        Assert.Contains("Admin:Lockout:Duration is -00:00:01", lockout.Error);
    }

    [Fact]
    public async Task Hash_key_prints_a_hash_that_verifies_the_key_and_no_other()
    {
        var run = await RunAsync(["hash-key"], [], "correct horse battery staple\n");
        Assert.Equal(0, run.ExitCode);
        var hash = run.Output.Trim();
        Assert.StartsWith("pbkdf2-sha256$210000$", hash);
        Assert.True(AdminKeyHash.Verify("correct horse battery staple", hash));
        Assert.False(AdminKeyHash.Verify("correct horse battery stapler", hash));
        Assert.NotEqual(hash, AdminKeyHash.Create("correct horse battery staple"));

        Assert.Equal(2, (await RunAsync(["hash-key"], [], "short")).ExitCode);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, Dictionary<string, string> environment, string input = "")
    {
        var info = new ProcessStartInfo(AdminBinary.Dotnet)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(AdminBinary.Dll);
        foreach (var arg in args.Append("--urls").Append("http://127.0.0.1:0"))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var inherited in info.Environment.Keys.Where(key => key.StartsWith("OTRAIN_Admin__", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(inherited);
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
