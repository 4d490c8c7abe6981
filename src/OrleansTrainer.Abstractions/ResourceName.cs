using System.Text.RegularExpressions;

namespace OrleansTrainer.Abstractions;

/// <summary>
/// The rule every dataset and job name follows. Names become grain keys and parts of Redis keys, so they are
/// restricted to letters, digits, '.', '_' and '-', start with a letter or digit, and are at most 100 characters.
/// </summary>
public static partial class ResourceName
{
    /// <summary>The longest name accepted.</summary>
    public const int MaxLength = 100;

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="what"/> when <paramref name="name"/> breaks the rule.</summary>
    /// <param name="name">The name to check.</param>
    /// <param name="what">What the name names, for the message ("dataset name", "job name").</param>
    public static void Validate(string? name, string what)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException($"The {what} is empty.", nameof(name));
        }

        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"The {what} \"{name}\" is invalid: use 1 to {MaxLength} letters, digits, '.', '_' or '-', starting with a letter or digit.",
                nameof(name));
        }
    }

    /// <summary>Whether <paramref name="name"/> follows the rule.</summary>
    public static bool IsValid(string? name) => !string.IsNullOrEmpty(name) && NamePattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
