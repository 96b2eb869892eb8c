using Jarvis.Testing;

namespace Jarvis.Monitor.Tests;

/// <summary>Real PostgreSQL and Mosquitto, shared by the tests of this collection.</summary>
[CollectionDefinition(Name)]
public sealed class MonitorCollection : ICollectionFixture<PostgresFixture>, ICollectionFixture<MosquittoFixture>
{
    public const string Name = "monitor dependencies";
}
