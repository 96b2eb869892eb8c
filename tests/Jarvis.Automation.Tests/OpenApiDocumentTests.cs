using System.Text.Json;
using System.Text.Json.Nodes;
using Jarvis.Automation.Tests.DevicesApi;
using Jarvis.Testing;

namespace Jarvis.Automation.Tests;

[Collection(AutomationCollection.Name)]
public sealed class OpenApiDocumentTests(PostgresFixture postgres, MosquittoFixture mqtt, RedisFixture redis)
{
    /// <summary>Regenerate with <c>JARVIS_UPDATE_OPENAPI=1 dotnet test tests/Jarvis.Automation.Tests --filter OpenApi</c>.</summary>
    [Fact]
    public async Task The_served_openapi_document_matches_the_committed_copy_for_the_front_end()
    {
        await using var harness = await DeviceHarness.StartAsync(postgres, mqtt, redis, "openapi");
        using var anonymous = harness.Client(null);
        var served = JsonNode.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        var paths = served["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/devices/entities/{entityId}/commands", paths);
        Assert.Contains("/api/devices/events", paths);

        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var committed = Path.Combine(postgres.App.RepositoryRoot, "services", "Jarvis.Automation", "Jarvis.Automation.json");
        if (Environment.GetEnvironmentVariable("JARVIS_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(committed, text);
        }

        Assert.True(File.Exists(committed), $"{committed} is missing; regenerate it (see this test's summary).");
        Assert.True(text == await File.ReadAllTextAsync(committed),
            "The served OpenAPI document differs from services/Jarvis.Automation/Jarvis.Automation.json; regenerate it (see this test's summary) and commit it.");
    }
}
