using Jarvis.Testing;

namespace Jarvis.Automation.Tests;

/// <summary>Real PostgreSQL, Mosquitto and Redis, shared by the tests of this collection.</summary>
[CollectionDefinition(Name)]
public sealed class AutomationCollection : ICollectionFixture<PostgresFixture>, ICollectionFixture<MosquittoFixture>, ICollectionFixture<RedisFixture>
{
    public const string Name = "automation dependencies";
}
