using System.Net.Http.Headers;
using Grpc.Net.Client;
using Jarvis.Automation.Grpc;
using Jarvis.ServiceDefaults.Authentication;

namespace Jarvis.Automation.Tests.Grpc;

/// <summary>A gRPC client of the in-process service (over its test server), calling as <paramref name="caller"/>.</summary>
internal sealed class PublishingClient(AutomationService service, InternalPrincipal? caller) : IDisposable
{
    public static readonly InternalPrincipal Plugins = InternalPrincipal.ForService("Jarvis.Plugins");

    private readonly GrpcChannel _channel = Open(service, caller);

    public MqttPublishing.MqttPublishingClient Client => new(_channel);

    public void Dispose() => _channel.Dispose();

    private static GrpcChannel Open(AutomationService service, InternalPrincipal? caller)
    {
        var http = new HttpClient(service.Server.CreateHandler());
        if (caller is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AutomationService.Token(caller));
        }

        return GrpcChannel.ForAddress(service.Server.BaseAddress, new GrpcChannelOptions { HttpClient = http, DisposeHttpClient = true });
    }
}
