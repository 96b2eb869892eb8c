using Jarvis.Testing;

namespace Jarvis.Automation.Tests.Automations;

/// <summary>
/// Triggers, conditions, actions, modes, bad input and restarts, against one running service (the
/// <see cref="AutomationWorld"/>) with real PostgreSQL and Mosquitto; one class in several files so that all of them
/// share that one service.
/// </summary>
[Collection(AutomationCollection.Name)]
public sealed partial class AutomationBehaviourTests(AutomationWorld world, PostgresFixture postgres, MosquittoFixture mqtt, RedisFixture redis)
    : IClassFixture<AutomationWorld>, IAsyncLifetime
{
    public Task InitializeAsync() => world.StartAsync(postgres, mqtt, redis);

    public Task DisposeAsync() => Task.CompletedTask;
}
