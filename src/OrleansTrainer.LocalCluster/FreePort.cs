using System.Net;
using System.Net.Sockets;

namespace OrleansTrainer.LocalCluster;

/// <summary>Finds loopback TCP ports nobody listens on.</summary>
public static class FreePort
{
    /// <summary>A port the OS reports free right now.</summary>
    public static int Next() => Distinct(1)[0];

    /// <summary>
    /// <paramref name="count"/> ports the OS reports free right now, all different: each is held until all are found,
    /// for a port just released can be handed out again by the next request (a silo was once given the same port for
    /// its silo and gateway endpoints).
    /// </summary>
    public static int[] Distinct(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(listener => listener.Dispose());
        }
    }

    /// <summary>Waits until something accepts connections on a loopback port.</summary>
    /// <exception cref="TimeoutException">Nothing listened within <paramref name="timeout"/>.</exception>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<string?> whyNot, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                if (whyNot() is { } reason)
                {
                    throw new InvalidOperationException(reason);
                }

                await Task.Delay(100, cancellationToken);
            }
            catch (SocketException ex)
            {
                throw new TimeoutException($"Nothing listened on 127.0.0.1:{port} within {timeout.TotalSeconds:F0} s.", ex);
            }
        }
    }
}
