namespace OrleansTrainer.Admin.Security;

/// <summary>
/// The lockout for wrong keys, bound from <c>Admin:Lockout</c>: after <see cref="Failures"/> wrong keys from one client
/// address within <see cref="Window"/>, every request of that client that presents a key (a login, a bearer token) is
/// refused with 429 for <see cref="Duration"/>, the right key included. Counted in Redis, so every console replica
/// counts the same wrong keys and enforces the same lockout (<see cref="KeyAttempts"/>).
/// </summary>
public sealed class AdminLockoutOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Admin:Lockout";

    /// <summary>Wrong keys that start a lockout. Default 5.</summary>
    public int Failures { get; set; } = 5;

    /// <summary>How far back wrong keys count. Default 5 minutes.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a lockout lasts. Default 15 minutes.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
