using System.Text;

namespace Jarvis.Monitor.Alerts;

/// <summary>Webhook: the alert JSON POSTed to the channel's URL, signed (<see cref="WebhookSignature"/>) when it has a secret; any non-2xx is a failure.</summary>
public sealed class WebhookAlertSender(IHttpClientFactory clients, TimeProvider time) : IAlertSender
{
    public const string ClientName = "monitor-webhooks";

    public string Kind => "webhook";

    public async Task SendAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Jarvis-Delivery", delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(delivery.Secret))
        {
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(delivery.Secret, time.GetUtcNow().ToUnixTimeSeconds(), delivery.Payload));
        }

        using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The webhook answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }
}
