using System.Net;
using System.Net.Sockets;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.Hosting.Tests;

public sealed class FreePortTests
{
    [Fact]
    public void Distinct_ports_are_all_different_and_each_can_be_listened_on()
    {
        var ports = FreePort.Distinct(64);

        Assert.Equal(64, ports.Distinct().Count());
        var listeners = ports.Select(port => new TcpListener(IPAddress.Loopback, port)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
        }
        finally
        {
            listeners.ForEach(listener => listener.Dispose());
        }
    }
}
