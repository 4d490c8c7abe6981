namespace OrleansTrainer.Admin.Security;

/// <summary>What a console user may do; the role is the user's role claim (its name).</summary>
public enum AdminRole
{
    /// <summary>Reads every page and every <c>GET</c> of the JSON API; steers nothing.</summary>
    Viewer = 0,

    /// <summary>A viewer who also steers jobs: pause, resume, learning rate, cancel (pages and API).</summary>
    Operator = 1,
}
