using System.Text.RegularExpressions;

namespace OrleansTrainer.Deployment.Tests;

/// <summary>A Dockerfile read as its instructions (keyword and arguments), comments dropped and continued lines joined.</summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<(string Keyword, string Arguments)> instructions) => Instructions = instructions;

    /// <summary>The images under k8s/images, by the name in <c>k8s/images/NAME.Dockerfile</c>.</summary>
    public static TheoryData<string> Images => ["silo", "admin"];

    /// <summary>Every instruction in order.</summary>
    public IReadOnlyList<(string Keyword, string Arguments)> Instructions { get; }

    /// <summary>Reads <c>k8s/images/<paramref name="image"/>.Dockerfile</c>.</summary>
    public static Dockerfile Read(string image)
    {
        var text = File.ReadAllText(Repository.Path($"k8s/images/{image}.Dockerfile"));
        var logical = ContinuedLine().Replace(text, " ").Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'));
        return new Dockerfile(logical.Select(line =>
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            return (line[..space].ToUpperInvariant(), line[(space + 1)..].Trim());
        }).ToList());
    }

    /// <summary>The arguments of every instruction with this keyword.</summary>
    public IEnumerable<string> All(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex ContinuedLine();
}
