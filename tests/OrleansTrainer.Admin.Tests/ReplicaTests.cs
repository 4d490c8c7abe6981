using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace OrleansTrainer.Admin.Tests;

/// <summary>Console replicas on one Redis (shared data-protection keys), and where a console listens when not told.</summary>
[Collection(AdminConsoleCollection.Name)]
public sealed class ReplicaTests(AdminConsoleFixture fixture)
{
    [Fact]
    public async Task Two_replicas_on_one_redis_accept_each_others_session_cookies_and_anti_forgery_tokens()
    {
        await using var replica = await fixture.StartConsoleAsync();
        using var http = AdminHttp.Client(fixture.BaseAddress);
        await AdminHttp.LogInAsync(http, AdminConsoleFixture.OperatorKey);

        // The cookie jar sends the first console's session cookie to the replica (same host, other port).
        var page = await http.GetAsync(new Uri(replica.BaseAddress, "/jobs"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("alice (operator)", await page.Content.ReadAsStringAsync());

        var token = await AdminHttp.TokenAsync(http, "/jobs");
        var logout = await http.PostAsync(new Uri(replica.BaseAddress, "/logout"), new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal("/login", logout.Headers.Location!.OriginalString);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Cluster.Redis.ConnectionString);
        var ring = await redis.GetDatabase().ListRangeAsync(AdminServiceCollectionExtensions.DataProtectionKey(fixture.Cluster.ServiceId));
        Assert.Contains(ring, key => key.ToString().Contains("<key id=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_urls_the_console_listens_on_loopback_port_8080_only()
    {
        await using var console = await fixture.StartConsoleAsync(defaultAddress: true);
        Assert.Contains("Now listening on: http://127.0.0.1:8080", console.Tail());
        using var http = AdminHttp.Client(console.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);

        var outside = (await Dns.GetHostAddressesAsync(Dns.GetHostName())).Where(address => !IPAddress.IsLoopback(address)).ToArray();
        Assert.NotEmpty(outside);
        foreach (var address in outside)
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(address, AdminConsole.DefaultAddress.Port));
        }
    }
}
