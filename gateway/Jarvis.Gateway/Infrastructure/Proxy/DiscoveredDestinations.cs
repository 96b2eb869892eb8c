using System.Globalization;
using Yarp.ReverseProxy.Configuration;

namespace Jarvis.Gateway.Infrastructure.Proxy;

/// <summary>
/// Turns a destination written as <c>https+http://chat</c> into one destination per replica from Aspire's
/// service configuration (<c>services:chat:https:0</c>, <c>services:chat:http:0</c>, <c>…:1</c>, …), the way
/// Microsoft.Extensions.ServiceDiscovery reads it. (Its YARP adapter is not on our package feed.) A service
/// with no configured endpoint gets no destination, so its routes answer 503 at once.
/// </summary>
public sealed class DiscoveredDestinations(IConfiguration configuration, ILogger<DiscoveredDestinations> logger) : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (cluster.Destinations is null || cluster.Destinations.Count == 0)
        {
            return ValueTask.FromResult(cluster);
        }

        var destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, destination) in cluster.Destinations)
        {
            if (!TryParseLogical(destination.Address, out var schemes, out var service))
            {
                destinations[id] = destination;
                continue;
            }

            var found = Resolve(service, schemes);
            for (var i = 0; i < found.Count; i++)
            {
                destinations[$"{service}-{i.ToString(CultureInfo.InvariantCulture)}"] = destination with { Address = found[i] };
            }

            if (found.Count == 0)
            {
                logger.LogWarning("No endpoint configured for service {Service} (services:{Service}:http:0); its routes answer 503.", service, service);
            }
        }

        return ValueTask.FromResult(cluster with { Destinations = destinations });
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);

    /// <summary>The endpoints of the first scheme that has any, in the order the address lists them.</summary>
    private List<string> Resolve(string service, string[] schemes)
    {
        foreach (var scheme in schemes)
        {
            var endpoints = configuration.GetSection($"services:{service}:{scheme}").GetChildren()
                .Select(c => (Index: int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue, c.Value))
                .Where(e => !string.IsNullOrWhiteSpace(e.Value))
                .OrderBy(e => e.Index)
                .Select(e => e.Value!)
                .ToList();
            if (endpoints.Count > 0)
            {
                return endpoints;
            }
        }

        return [];
    }

    // "https+http://chat" or "http://chat": a scheme list and a bare service name, no port, no dot.
    private static bool TryParseLogical(string address, out string[] schemes, out string service)
    {
        schemes = [];
        service = "";
        var separator = address.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0)
        {
            return false;
        }

        var host = address[(separator + 3)..].TrimEnd('/');
        if (host.Length == 0 || host.Contains(':', StringComparison.Ordinal) || host.Contains('.', StringComparison.Ordinal)
            || host.Contains('/', StringComparison.Ordinal) || host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        schemes = address[..separator].Split('+');
        service = host;
        return schemes.All(s => s is "http" or "https");
    }
}
