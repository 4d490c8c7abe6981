using System.Security.Claims;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;

namespace OrleansTrainer.Admin.Services;

/// <summary>
/// The console's job controls, for the pages and the API alike. Each call names the signed-in user as its
/// <see cref="JobActor"/>, so the job's history says who, e.g. <c>by alice (console)</c>.
/// </summary>
/// <remarks>The calls throw <see cref="InvalidOperationException"/> when the job's state does not allow them, <see cref="ArgumentException"/> for an out-of-range learning rate.</remarks>
public sealed class JobControl(TrainerClient client)
{
    /// <summary>Pauses <paramref name="job"/> as <paramref name="user"/>, who came through <paramref name="channel"/> (<c>console</c>, <c>api</c>).</summary>
    public Task PauseAsync(string job, ClaimsPrincipal user, string channel) => AsAsync(user, channel, () => client.PauseJobAsync(job));

    /// <summary>Resumes <paramref name="job"/> as <paramref name="user"/>.</summary>
    public Task ResumeAsync(string job, ClaimsPrincipal user, string channel) => AsAsync(user, channel, () => client.ResumeJobAsync(job));

    /// <summary>Cancels <paramref name="job"/> as <paramref name="user"/>.</summary>
    public Task CancelAsync(string job, ClaimsPrincipal user, string channel) => AsAsync(user, channel, () => client.CancelJobAsync(job));

    /// <summary>Sets <paramref name="job"/>'s learning rate as <paramref name="user"/>.</summary>
    public Task SetLearningRateAsync(string job, double learningRate, ClaimsPrincipal user, string channel) =>
        AsAsync(user, channel, () => client.SetLearningRateAsync(job, learningRate));

    private static async Task AsAsync(ClaimsPrincipal user, string channel, Func<Task> call)
    {
        using var actor = JobActor.As($"{user.Identity?.Name} ({channel})");
        await call();
    }
}
