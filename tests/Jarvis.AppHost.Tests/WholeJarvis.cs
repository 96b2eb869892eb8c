using Jarvis.Testing;

namespace Jarvis.AppHost.Tests;

/// <summary>Tests that share one running Jarvis (every resource and service).</summary>
[CollectionDefinition(Name)]
public sealed class WholeJarvis : ICollectionFixture<JarvisAppFixture>
{
    public const string Name = "Whole Jarvis model";
}
