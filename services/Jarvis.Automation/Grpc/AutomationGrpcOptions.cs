namespace Jarvis.Automation.Grpc;

/// <summary>Configuration <c>Automation:GrpcPort</c>: the cleartext HTTP/2 port of <see cref="MqttPublishingService"/>; 0 = none.</summary>
internal sealed record AutomationGrpcOptions
{
    public const string SectionName = "Automation";

    public int GrpcPort { get; init; }
}
