namespace OrleansTrainer.Grains.Tests;

public class RetryPolicyTests
{
    public static TheoryData<Exception, bool> Errors() => new()
    {
        { new ArgumentException("bad spec"), true },
        { new ArgumentOutOfRangeException("x"), true },
        { new ArgumentNullException("x"), true },
        { new InvalidDataException("corrupted chunk"), true },
        { new NotSupportedException("no"), true },
        { new TimeoutException("redis"), false },
        { new IOException("socket"), false },
        { new InvalidOperationException("activation lost"), false },
        { new TaskCanceledException(), false },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void IsPermanent_OnlyForErrorsInTheInputOrTheSpec(Exception error, bool permanent) =>
        Assert.Equal(permanent, RetryPolicy.IsPermanent(error));

    [Fact]
    public void APermanentError_GivesUpAtOnce()
    {
        var policy = new RetryPolicy(TimeSpan.FromHours(1));
        Assert.True(policy.GiveUpAfter(new InvalidDataException("corrupted")));
    }

    [Fact]
    public void TransientErrors_AreRetriedWithinTheWindow()
    {
        var policy = new RetryPolicy(TimeSpan.FromHours(1));
        for (var attempt = 0; attempt < 20; attempt++)
        {
            Assert.False(policy.GiveUpAfter(new TimeoutException()));
        }
    }

    [Fact]
    public void TransientErrors_GiveUpOnceTheWindowHasPassed()
    {
        var policy = new RetryPolicy(TimeSpan.FromMilliseconds(30));
        Assert.False(policy.GiveUpAfter(new TimeoutException())); // the window starts at the first failure
        Thread.Sleep(60);
        Assert.True(policy.GiveUpAfter(new TimeoutException()));
    }

    [Fact]
    public void Pauses_DoubleFrom100MillisecondsUpTo5Seconds()
    {
        var policy = new RetryPolicy(TimeSpan.FromHours(1));
        Assert.Equal(DateTime.MinValue, policy.NextAttempt);
        foreach (var milliseconds in new[] { 100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000 })
        {
            AssertPause(policy, TimeSpan.FromMilliseconds(milliseconds));
        }
    }

    [Fact]
    public void Reset_StartsTheWindowAndThePausesAfresh()
    {
        var policy = new RetryPolicy(TimeSpan.FromMilliseconds(30));
        policy.GiveUpAfter(new TimeoutException());
        policy.GiveUpAfter(new TimeoutException());
        Thread.Sleep(60);

        policy.Reset();

        Assert.Equal(DateTime.MinValue, policy.NextAttempt);
        Assert.False(policy.GiveUpAfter(new TimeoutException()));
        AssertPause(policy, TimeSpan.FromMilliseconds(200));
    }

    private static void AssertPause(RetryPolicy policy, TimeSpan pause)
    {
        var before = DateTime.UtcNow;
        policy.GiveUpAfter(new TimeoutException());
        var after = DateTime.UtcNow;
        Assert.InRange(policy.NextAttempt, before + pause, after + pause);
    }
}
