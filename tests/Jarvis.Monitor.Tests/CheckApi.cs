using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jarvis.Monitor.Tests;

/// <summary>The monitor API as a client calls it, JSON in and out.</summary>
public static class CheckApi
{
    public static async Task CreateAsync(HttpClient admin, object definition)
    {
        using var response = await admin.PostAsJsonAsync(new Uri("/api/monitor/checks", UriKind.Relative), definition);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<Guid> CreateChannelAsync(HttpClient admin, object channel)
    {
        using var response = await admin.PostAsJsonAsync(new Uri("/api/monitor/channels", UriKind.Relative), channel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    public static async Task<JsonObject> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The check's entry in <c>/api/monitor/status</c>, or null.</summary>
    public static async Task<JsonObject?> StatusOfAsync(HttpClient client, string id)
    {
        var status = await GetAsync(client, "/api/monitor/status");
        return status["checks"]!.AsArray().Select(c => c!["check"]!.AsObject()).FirstOrDefault(c => c["id"]!.GetValue<string>() == id);
    }

    public static string Check(string alertJson) => JsonDocument.Parse(alertJson).RootElement.GetProperty("check").GetString()!;

    public static string Event(string alertJson) => JsonDocument.Parse(alertJson).RootElement.GetProperty("event").GetString()!;
}
