using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace OrleansTrainer.Deployment.Tests;

/// <summary>
/// The images' Dockerfiles build what exists (no Docker engine here: these check the files, not a build): multi-stage
/// from the .NET SDK to the ASP.NET runtime, every path they copy exists, they copy every project the published one
/// references before restoring it, they run the assembly that project builds, as a non-root user, with no HEALTHCHECK.
/// </summary>
public sealed partial class DockerfileTests
{
    [Theory]
    [MemberData(nameof(Dockerfile.Images), MemberType = typeof(Dockerfile))]
    public void An_image_builds_with_the_sdk_and_runs_on_the_aspnet_runtime_as_a_non_root_user_without_healthcheck(string image)
    {
        var dockerfile = Dockerfile.Read(image);

        var stages = dockerfile.All("FROM").ToList();
        Assert.Equal(2, stages.Count);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0 AS build", stages[0], StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", stages[1], StringComparison.Ordinal);
        var user = Assert.Single(dockerfile.All("USER"));
        Assert.True(int.TryParse(user, out var uid) && uid > 0, $"USER {user} must be a numeric non-root user (Kubernetes' runAsNonRoot can check only those)");
        Assert.Empty(dockerfile.All("HEALTHCHECK"));
        Assert.Equal(dockerfile.Instructions.Count - 1, dockerfile.Instructions.ToList().FindIndex(i => i.Keyword == "ENTRYPOINT"));
    }

    [Theory]
    [MemberData(nameof(Dockerfile.Images), MemberType = typeof(Dockerfile))]
    public void Every_path_an_image_copies_from_the_repository_exists(string image)
    {
        var dockerfile = Dockerfile.Read(image);

        var sources = dockerfile.All("COPY").Where(a => !a.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1]).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.True(File.Exists(Repository.Path(source)) || Directory.Exists(Repository.Path(source)), $"COPY {source}: no such path"));
    }

    [Theory]
    [MemberData(nameof(Dockerfile.Images), MemberType = typeof(Dockerfile))]
    public void An_image_restores_its_project_with_every_project_it_references_publishes_it_and_runs_its_assembly(string image)
    {
        var dockerfile = Dockerfile.Read(image);
        var publish = Assert.Single(dockerfile.All("RUN"), r => r.StartsWith("dotnet publish", StringComparison.Ordinal));
        var project = publish.Split(' ')[2];
        var restore = dockerfile.Instructions.ToList().FindIndex(i => i.Keyword == "RUN" && i.Arguments == $"dotnet restore {project}");
        Assert.True(restore >= 0, $"no dotnet restore {project}");

        // Before the restore, every project it needs is in the build stage: its own project file or a folder above it.
        var copiedBefore = dockerfile.Instructions.Take(restore).Where(i => i.Keyword == "COPY")
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1]).ToList();
        foreach (var required in ProjectClosure(project).Concat(["Directory.Build.props", "Directory.Packages.props", "global.json"]))
        {
            Assert.True(copiedBefore.Any(source => source == required || (source.EndsWith('/') && required.StartsWith(source, StringComparison.Ordinal))),
                $"{required} is not copied before dotnet restore");
        }

        var assembly = Path.GetFileNameWithoutExtension(project) + ".dll";
        var entrypoint = JsonSerializer.Deserialize<string[]>(Assert.Single(dockerfile.All("ENTRYPOINT")))!;
        Assert.Equal(["dotnet", assembly], entrypoint);
    }

    [Fact]
    public void The_silo_image_exposes_the_ports_of_its_kubernetes_settings_and_starts_with_them()
    {
        var dockerfile = Dockerfile.Read("silo");

        var exposed = dockerfile.All("EXPOSE").SelectMany(e => e.Split(' ')).Select(int.Parse).Order();
        Assert.Equal(new[] { SiloSettings.SiloPort, SiloSettings.GatewayPort, SiloSettings.HealthPort }.Order(), exposed);
        Assert.Contains("OTRAIN_ENVIRONMENT=kubernetes", EnvironmentSetting().Split(Assert.Single(dockerfile.All("ENV"))));
        Assert.Contains(dockerfile.All("COPY"), c => c == "silo-config/ silo-config/");
    }

    /// <summary>The project and every project it references, directly or not, as repository paths.</summary>
    private static IEnumerable<string> ProjectClosure(string project)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!found.Add(next))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(next)!;
            foreach (var reference in XDocument.Load(Repository.Path(next)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(Repository.Root, folder, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(Repository.Root, full).Replace('\\', '/'));
            }
        }

        return found;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex EnvironmentSetting();
}
