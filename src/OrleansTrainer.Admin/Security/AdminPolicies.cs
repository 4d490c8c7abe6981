namespace OrleansTrainer.Admin.Security;

/// <summary>The console's authorization policies beyond the default (any signed-in user, viewers included).</summary>
public static class AdminPolicies
{
    /// <summary>Steering jobs: users in role <see cref="AdminRole.Operator"/>.</summary>
    public const string Operator = nameof(AdminRole.Operator);

    /// <summary>The API's control endpoints: operators presenting a bearer key (never a cookie, so no cross-site request can steer a job).</summary>
    public const string OperatorKey = "OperatorKey";
}
