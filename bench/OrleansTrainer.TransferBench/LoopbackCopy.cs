using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OrleansTrainer.TransferBench;

/// <summary>
/// The peer of a block pull: the same number of bytes sent over a plain loopback TCP connection between two sockets, the
/// receiver reading them all into its buffer and answering one byte — a request and a reply, as a grain call is.
/// </summary>
internal sealed class LoopbackCopy : IAsyncDisposable
{
    private readonly Socket _sender;
    private readonly Socket _receiver;
    private readonly byte[] _payload;
    private readonly byte[] _inbox;

    private LoopbackCopy(Socket sender, Socket receiver, int bytes)
    {
        _sender = sender;
        _receiver = receiver;
        _payload = new byte[bytes];
        Random.Shared.NextBytes(_payload);
        _inbox = new byte[bytes];
    }

    /// <summary>Connects the two sockets for payloads of <paramref name="bytes"/>.</summary>
    public static async Task<LoopbackCopy> ConnectAsync(int bytes)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var sender = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var accepted = listener.AcceptAsync();
        await sender.ConnectAsync(listener.LocalEndPoint!);
        var receiver = await accepted;
        receiver.NoDelay = true;
        return new LoopbackCopy(sender, receiver, bytes);
    }

    /// <summary>One copy of the payload, send to acknowledgement, in milliseconds.</summary>
    public async Task<double> CopyAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var received = ReceiveAsync();
        await _sender.SendAsync(_payload);
        await received;
        var ack = new byte[1];
        await _sender.ReceiveAsync(ack);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private async Task ReceiveAsync()
    {
        for (var read = 0; read < _inbox.Length;)
        {
            var n = await _receiver.ReceiveAsync(_inbox.AsMemory(read));
            read += n > 0 ? n : throw new IOException("The loopback sender closed the connection.");
        }

        await _receiver.SendAsync(new byte[] { 1 });
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _sender.Dispose();
        _receiver.Dispose();
        return ValueTask.CompletedTask;
    }
}
