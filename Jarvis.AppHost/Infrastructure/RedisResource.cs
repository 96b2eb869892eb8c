using Aspire.Hosting.ApplicationModel;

namespace Jarvis.AppHost.Infrastructure;

/// <summary>Redis from Debian's <c>redis-server</c> package: loopback, a password, append-only file on.</summary>
public sealed class RedisResource(string name, string command, string workingDirectory, int port, Func<string> password)
    : ExecutableResource(name, command, workingDirectory), ISecretConnectionString
{
    public const string EndpointName = "tcp";

    public int Port { get; } = port;

    public EndpointReference Endpoint => new(this, EndpointName);

    /// <summary>What <c>WithReference</c> puts in <c>ConnectionStrings__{name}</c>: everything but the password.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"127.0.0.1:{Endpoint.Property(EndpointProperty.Port)}");

    /// <summary>StackExchange.Redis form: <c>127.0.0.1:port,password=…</c>.</summary>
    public string GetSecretConnectionString() => $"127.0.0.1:{Port},password={password()}";
}
