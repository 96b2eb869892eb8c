using System.Net.Http.Json;
using System.Text.Json;
using Jarvis.Monitor.Model;

namespace Jarvis.Monitor.Alerts;

/// <summary>
/// Chat: a notification to the admins through the chat service's internal route <c>POST /internal/notifications</c>,
/// signed with this service's own internal token (role service).
/// </summary>
public sealed class ChatAlertSender(IHttpClientFactory clients, IConfiguration configuration) : IAlertSender
{
    public const string ClientName = "monitor-chat";

    public string Kind => "chat";

    public async Task SendAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (configuration.GetSection("services:chat").GetChildren().FirstOrDefault() is null)
        {
            throw new InvalidOperationException("The chat service is not referenced (services:chat is not configured).");
        }

        var alert = JsonSerializer.Deserialize(delivery.Payload, MonitorJsonContext.Default.Alert)!;
        var verb = alert.Event switch
        {
            AlertEvent.Down => "is down",
            AlertEvent.Resolved => "is back up",
            AlertEvent.Flapping => "is flapping (alerts paused until it is stable)",
            _ => "sent a test alert",
        };
        var text = alert.Cause is null ? $"{alert.Name} {verb}." : $"{alert.Name} {verb}: {alert.Cause}";
        using var response = await clients.CreateClient(ClientName).PostAsJsonAsync(
            new Uri("/internal/notifications", UriKind.Relative), new ChatNotification(text, $"monitor-{delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}"),
            MonitorJsonContext.Default.ChatNotification, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The chat service answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }
}
