namespace OrleansTrainer.Redis;

/// <summary>Why a process could not use its Redis.</summary>
public enum RedisAccessFailure
{
    /// <summary>Nothing answered in time: Redis is down or the address is wrong.</summary>
    Unreachable,

    /// <summary>The server's certificate was not trusted (wrong CA file, or none for a server with a private CA).</summary>
    UntrustedServer,

    /// <summary>The server closed the connection during the handshake: TLS on one side only, or a client certificate it refused.</summary>
    HandshakeRefused,

    /// <summary>The server refused the user and password.</summary>
    Authentication,
}

/// <summary>A Redis that cannot be used, with a one-line message that names the endpoint and the setting to fix.</summary>
public sealed class RedisAccessException(RedisAccessFailure failure, string message, Exception? cause) : Exception(message, cause)
{
    /// <summary>What went wrong.</summary>
    public RedisAccessFailure Failure { get; } = failure;
}
