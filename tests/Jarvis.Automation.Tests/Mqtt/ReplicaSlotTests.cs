extern alias automation;

using automation::Jarvis.Automation.Mqtt;
using Jarvis.Testing;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Jarvis.Automation.Tests.Mqtt;

/// <summary>Replicas given no index take the lowest free slot, and a replica started in place of a dead one takes its slot.</summary>
[Collection(AutomationCollection.Name)]
public sealed class ReplicaSlotTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Replicas_take_distinct_slots_and_a_dead_replicas_slot_goes_to_its_successor()
    {
        await using var database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("replica_slots"));
        using var first = Slot(database);
        using var second = Slot(database);
        Assert.Equal(0, await first.ClaimAsync(3, CancellationToken.None));
        Assert.Equal(1, await second.ClaimAsync(3, CancellationToken.None));
        Assert.Equal(1, await second.ClaimAsync(3, CancellationToken.None)); // claimed once, kept

        first.Dispose(); // the process died: its connection, and the lock, went with it
        using var successor = Slot(database);
        Assert.Equal(0, await successor.ClaimAsync(3, CancellationToken.None));
        using var third = Slot(database);
        Assert.Equal(2, await third.ClaimAsync(3, CancellationToken.None));
    }

    private static ReplicaSlot Slot(NpgsqlDataSource database) =>
        new(database, new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance), NullLogger<ReplicaSlot>.Instance);
}
