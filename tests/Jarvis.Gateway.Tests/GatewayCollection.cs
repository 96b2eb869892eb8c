namespace Jarvis.Gateway.Tests;

/// <summary>The tests that share one running model (it takes seconds to start).</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
