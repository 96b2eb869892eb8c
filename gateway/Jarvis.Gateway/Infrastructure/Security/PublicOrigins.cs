using System.Net.NetworkInformation;
using System.Net.Sockets;
using Jarvis.Gateway.Options;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Jarvis.Gateway.Infrastructure.Security;

/// <summary>
/// The origins Jarvis is reached at: the addresses the gateway listens on (a loopback or wildcard binding
/// also as <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c>; a wildcard also as each address of the
/// machine) and every <c>Gateway:PublicOrigins</c> entry. Never the request's own <c>Host</c>, which the
/// client chooses. The hosts of these origins are the only <c>Host</c> headers served.
/// </summary>
public sealed class PublicOrigins(IServer server, IOptionsMonitor<GatewayOptions> options)
{
    private Snapshot? _snapshot;

    public bool IsAllowedOrigin(string origin) =>
        Origin.TryParse(origin, out var parsed) && Current().Contains(parsed);

    public bool IsAllowedHost(string scheme, HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }

        var name = host.Host.ToLowerInvariant();
        var port = host.Port ?? Origin.DefaultPort(scheme);
        foreach (var origin in Current())
        {
            if (origin.Host == name && origin.Port == port)
            {
                return true;
            }
        }

        return false;
    }

    private HashSet<Origin> Current()
    {
        var current = options.CurrentValue;
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (_snapshot is { } snapshot && ReferenceEquals(snapshot.Options, current) && snapshot.Addresses == addresses.Count)
        {
            return snapshot.Origins;
        }

        var origins = new HashSet<Origin>();
        foreach (var address in addresses)
        {
            var binding = BindingAddress.Parse(address);
            foreach (var host in HostsFor(binding.Host))
            {
                origins.Add(new Origin(binding.Scheme.ToLowerInvariant(), host, binding.Port));
            }
        }

        foreach (var configured in current.PublicOrigins)
        {
            if (Origin.TryParse(configured.TrimEnd('/'), out var parsed))
            {
                origins.Add(parsed);
            }
        }

        _snapshot = new Snapshot(current, addresses.Count, origins);
        return origins;
    }

    private static IEnumerable<string> HostsFor(string bound)
    {
        var host = bound.ToLowerInvariant();
        var wildcard = host is "*" or "+" or "0.0.0.0" or "[::]";
        if (wildcard || host is "localhost" or "127.0.0.1" or "[::1]")
        {
            yield return "localhost";
            yield return "127.0.0.1";
            yield return "[::1]";
        }
        else
        {
            yield return host;
        }

        if (!wildcard)
        {
            yield break;
        }

        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                var ip = unicast.Address;
                if (ip.AddressFamily == AddressFamily.InterNetwork)
                {
                    yield return ip.ToString();
                }
                else if (ip.AddressFamily == AddressFamily.InterNetworkV6 && !ip.IsIPv6LinkLocal)
                {
                    yield return $"[{ip}]";
                }
            }
        }
    }

    /// <summary>What the origins were computed from (replaced whole, so a reader never sees half of one).</summary>
    private sealed record Snapshot(GatewayOptions Options, int Addresses, HashSet<Origin> Origins);

    /// <summary>scheme://host:port, lower-case, the port always explicit.</summary>
    private readonly record struct Origin(string Scheme, string Host, int Port)
    {
        public static int DefaultPort(string scheme) => string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80;

        public static bool TryParse(string text, out Origin origin)
        {
            origin = default;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.PathAndQuery != "/" || text.EndsWith('/') || uri.UserInfo.Length > 0)
            {
                return false;
            }

            origin = new Origin(uri.Scheme, uri.Host.ToLowerInvariant(), uri.Port);
            return true;
        }
    }
}
