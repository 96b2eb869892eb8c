using System.Text;
using Jarvis.Automation.Devices.State;
using Jarvis.Automation.Mqtt;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>Hands each MQTT message to the automations with an <c>mqtt</c> trigger (or wait) whose filter matches its topic.</summary>
public sealed class MqttTriggerHandler(AutomationCatalog catalog, IGrainFactory grains) : IMqttMessageHandler
{
    public Task HandleAsync(MqttInboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        string? payload = null;
        HashSet<Guid>? told = null;
        foreach (var (filter, automation) in catalog.MqttFilters)
        {
            if (MqttTopics.Matches(filter, message.Topic) && (told ??= []).Add(automation))
            {
                payload ??= Encoding.UTF8.GetString(message.Payload.Span);
                _ = grains.GetGrain<IAutomationGrain>(automation).OnMqttMessage(message.Topic, payload);
            }
        }

        return Task.CompletedTask;
    }
}
