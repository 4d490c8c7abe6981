using Microsoft.Extensions.Options;

namespace OrleansTrainer.Admin.Security;

/// <summary>Refuses <see cref="AdminLockoutOptions"/> that would lock no one out or everyone out for good, naming the setting.</summary>
public sealed class AdminLockoutOptionsValidator : IValidateOptions<AdminLockoutOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AdminLockoutOptions options)
    {
        var failures = new List<string>();
        if (options.Failures is < 1 or > 1000)
        {
            failures.Add($"{AdminLockoutOptions.Section}:Failures is {options.Failures}; it must be 1 to 1000.");
        }

        if (options.Window <= TimeSpan.Zero || options.Window > TimeSpan.FromDays(1))
        {
            failures.Add($"{AdminLockoutOptions.Section}:Window is {options.Window}; it must be positive and at most a day.");
        }

        if (options.Duration <= TimeSpan.Zero || options.Duration > TimeSpan.FromDays(1))
        {
            failures.Add($"{AdminLockoutOptions.Section}:Duration is {options.Duration}; it must be positive and at most a day.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
