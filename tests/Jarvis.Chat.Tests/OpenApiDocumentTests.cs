using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jarvis.Chat.Tests;

[Collection(ChatCollection.Name)]
public sealed class OpenApiDocumentTests(ChatServiceFixture chat)
{
    /// <summary>Regenerate with <c>JARVIS_UPDATE_OPENAPI=1 dotnet test tests/Jarvis.Chat.Tests --filter OpenApi</c>.</summary>
    [Fact]
    public async Task The_served_openapi_document_matches_the_committed_copy_for_the_front_end()
    {
        using var anonymous = chat.Client(null);
        var served = JsonNode.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        var paths = served["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/chat/conversations/{id}/messages", paths);
        Assert.Contains("/internal/credentials/verify", paths);

        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var committed = Path.Combine(chat.App.RepositoryRoot, "services", "Jarvis.Chat", "Jarvis.Chat.json");
        if (Environment.GetEnvironmentVariable("JARVIS_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(committed, text);
        }

        Assert.True(File.Exists(committed), $"{committed} is missing; regenerate it (see this test's summary).");
        Assert.True(text == await File.ReadAllTextAsync(committed),
            "The served OpenAPI document differs from services/Jarvis.Chat/Jarvis.Chat.json; regenerate it (see this test's summary) and commit it.");
    }
}
