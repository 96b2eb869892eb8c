using Jarvis.Gateway.Infrastructure.Proxy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Yarp.ReverseProxy.Configuration;

namespace Jarvis.Gateway.Tests.Infrastructure.Proxy;

public sealed class DiscoveredDestinationsTests
{
    private static ClusterConfig Cluster(string address) => new()
    {
        ClusterId = "chat",
        Destinations = new Dictionary<string, DestinationConfig> { ["discovered"] = new() { Address = address } },
    };

    private static DiscoveredDestinations Filter(Dictionary<string, string?> settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), NullLogger<DiscoveredDestinations>.Instance);

    [Fact]
    public async Task Every_replica_of_a_service_becomes_a_destination()
    {
        var filter = Filter(new()
        {
            ["services:chat:http:0"] = "http://127.0.0.1:5001",
            ["services:chat:http:1"] = "http://127.0.0.1:5002",
            ["services:chat:http:10"] = "http://127.0.0.1:5010",
        });
        var cluster = await filter.ConfigureClusterAsync(Cluster("https+http://chat"), default);
        Assert.Equal(["http://127.0.0.1:5001", "http://127.0.0.1:5002", "http://127.0.0.1:5010"], cluster.Destinations!.Values.Select(d => d.Address));
    }

    [Fact]
    public async Task Https_is_preferred_when_the_address_lists_it_first()
    {
        var filter = Filter(new()
        {
            ["services:chat:http:0"] = "http://127.0.0.1:5001",
            ["services:chat:https:0"] = "https://127.0.0.1:5443",
        });
        var cluster = await filter.ConfigureClusterAsync(Cluster("https+http://chat"), default);
        Assert.Equal("https://127.0.0.1:5443", Assert.Single(cluster.Destinations!.Values).Address);
    }

    [Fact]
    public async Task A_service_without_endpoints_has_no_destination()
    {
        var cluster = await Filter([]).ConfigureClusterAsync(Cluster("https+http://chat"), default);
        Assert.Empty(cluster.Destinations!);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5001")]
    [InlineData("http://chat.internal")]
    [InlineData("http://localhost")]
    public async Task A_concrete_address_is_kept_as_written(string address)
    {
        var filter = Filter(new() { ["services:chat:http:0"] = "http://127.0.0.1:9999" });
        var cluster = await filter.ConfigureClusterAsync(Cluster(address), default);
        Assert.Equal(address, Assert.Single(cluster.Destinations!.Values).Address);
    }
}
