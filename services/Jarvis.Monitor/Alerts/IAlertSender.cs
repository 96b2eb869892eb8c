namespace Jarvis.Monitor.Alerts;

/// <summary>Sends one delivery over one kind of channel; an exception is a failed attempt, retried with backoff.</summary>
public interface IAlertSender
{
    string Kind { get; }

    Task SendAsync(PendingDelivery delivery, CancellationToken cancellationToken);
}
