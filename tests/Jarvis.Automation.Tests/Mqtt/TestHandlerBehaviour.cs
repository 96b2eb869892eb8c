extern alias automation;

using System.Collections.Concurrent;
using automation::Jarvis.Automation.Mqtt;

namespace Jarvis.Automation.Tests.Mqtt;

/// <summary>What the test handler does besides storing, and what it saw; shared between a test and the service it starts.</summary>
public sealed class TestHandlerBehaviour
{
    public ConcurrentQueue<MqttInboundMessage> Deliveries { get; } = new();

    /// <summary>A payload for which the handler throws before storing.</summary>
    public Func<string, bool> Fails { get; init; } = _ => false;

    /// <summary>A payload after whose storing the handler waits until the service stops (a crash before the acknowledgement).</summary>
    public Func<string, bool> HangsAfterStoring { get; init; } = _ => false;
}
