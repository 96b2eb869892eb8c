using Jarvis.Testing;

namespace Jarvis.Simulation.Tests;

/// <summary>One real Mosquitto; the tests that use it run one after another, so no simulator sees another's traffic.</summary>
[CollectionDefinition(Name)]
public sealed class SimulatorCollection : ICollectionFixture<MosquittoFixture>
{
    public const string Name = "simulator broker";
}
