using System.Text;
using Jarvis.Automation.Devices.State;
using Jarvis.Automation.Mqtt;
using Microsoft.Extensions.Options;

namespace Jarvis.Automation.Storage;

/// <summary>
/// Every other topic (<c>#</c>, one replica of several through the shared subscription): a message on a known
/// entity's state, attributes or availability topic is read and stored before it is acknowledged; any other topic
/// is acknowledged at once. A payload that cannot be read is shown on the entity as its error.
/// </summary>
public sealed class StateHandler(DeviceCatalog catalog, StateStore states, IOptions<DevicesOptions> options) : IMqttMessageHandler
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task HandleAsync(MqttInboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await catalog.EnsureLoadedAsync(cancellationToken);
        var targets = catalog.ForTopic(message.Topic);
        if (targets.Count == 0)
        {
            return;
        }

        var max = options.Value.MaxStatePayloadBytes;
        var updates = new List<StateUpdate>();
        foreach (var (row, entity) in targets)
        {
            var outcome = StateInterpreter.Interpret(entity, message.Topic, message.Payload.Span, max);
            if (outcome.Kind == StateOutcomeKind.Changed)
            {
                updates.Add(new StateUpdate(row, entity, outcome.Change, null, null, null));
            }
            else if (outcome.Kind == StateOutcomeKind.Rejected && entity.Config is not null)
            {
                updates.Add(new StateUpdate(row, entity, null, null, null, $"{message.Topic}: {outcome.Error}"));
            }

            if (entity.Availability.Topics.Any(t => MqttTopics.Matches(t, message.Topic)))
            {
                updates.Add(Availability(row, entity, message, max));
            }
        }

        await states.ApplyAsync(updates, cancellationToken);
    }

    private static StateUpdate Availability(Guid row, Devices.DiscoveredEntity entity, MqttInboundMessage message, int max)
    {
        if (message.Payload.Length > max)
        {
            return new StateUpdate(row, entity, null, null, null, $"{message.Topic}: the availability payload is {message.Payload.Length} bytes; at most {max} are read");
        }

        try
        {
            return new StateUpdate(row, entity, null, message.Topic, StrictUtf8.GetString(message.Payload.Span), null);
        }
        catch (DecoderFallbackException)
        {
            return new StateUpdate(row, entity, null, null, null, $"{message.Topic}: the availability payload is not UTF-8 text");
        }
    }
}
