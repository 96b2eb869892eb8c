using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Jarvis.ServiceDefaults.Integrations;

public static class MqttExtensions
{
    /// <summary>Registers the broker's address from <c>ConnectionStrings:{name}</c> and a readiness check.</summary>
    public static TBuilder AddMqttBroker<TBuilder>(this TBuilder builder, string connectionName) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");
        builder.Services.AddSingleton(MqttBrokerAddress.Parse(connectionString));
        builder.Services.AddHealthChecks().AddCheck<MqttBrokerHealthCheck>("mqtt", tags: [Extensions.ReadyTag], timeout: TimeSpan.FromSeconds(4));
        return builder;
    }
}
