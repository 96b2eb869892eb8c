using Jarvis.Automation.Outbox;
using Jarvis.ServiceDefaults.Integrations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Jarvis.Automation.Mqtt;

public static class MqttServiceCollectionExtensions
{
    /// <summary>
    /// The MQTT connection (from <c>ConnectionStrings:{connectionName}</c>), its <c>/health</c> check and
    /// metrics, the inbound dispatch and the outbox with its publisher. Call after the schema migrations.
    /// </summary>
    public static IHostApplicationBuilder AddMqttConnection(this IHostApplicationBuilder builder, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");
        var services = builder.Services;
        services.AddSingleton(MqttBrokerAddress.Parse(connectionString));

        services.AddOptions<MqttOptions>().BindConfiguration(MqttOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>();
        services.AddOptions<ReplicaOptions>().BindConfiguration(ReplicaOptions.SectionName);
        services.AddSingleton<ReplicaSlot>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplicaSlot>());
        services.AddSingleton(sp =>
        {
            var replicas = sp.GetRequiredService<IOptions<ReplicaOptions>>().Value;
            // Once, while the host starts: the index names the broker session this replica resumes.
            return MqttClientIdentity.From(replicas, () => sp.GetRequiredService<ReplicaSlot>()
                .ClaimAsync(replicas.Replicas, CancellationToken.None).GetAwaiter().GetResult());
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ReconnectBackoff(sp.GetRequiredService<IOptions<MqttOptions>>().Value));
        services.AddSingleton<MqttMetrics>();
        services.AddSingleton<MqttDeadLetters>();
        services.AddSingleton<MqttInbound>();
        services.AddSingleton<MqttConnection>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttConnection>());
        services.AddHealthChecks().AddCheck<MqttConnectionHealthCheck>(MqttConnectionHealthCheck.Name, tags: [Microsoft.Extensions.Hosting.Extensions.ReadyTag]);

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<MqttOutbox>();
        services.AddHostedService<OutboxPublisher>();
        return builder;
    }

    /// <summary>
    /// Delivers the messages of <paramref name="topicFilter"/> to <typeparamref name="THandler"/> (a singleton).
    /// <see cref="MqttSubscriptionKind.OneReplica"/> for state topics, <see cref="MqttSubscriptionKind.EveryReplica"/>
    /// for retained discovery configs.
    /// </summary>
    public static IServiceCollection AddMqttSubscription<THandler>(this IServiceCollection services, string topicFilter, MqttSubscriptionKind kind)
        where THandler : class, IMqttMessageHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!IsValidFilter(topicFilter))
        {
            throw new ArgumentException($"'{topicFilter}' is not an MQTT topic filter.", nameof(topicFilter));
        }

        services.TryAddSingleton<THandler>();
        services.AddSingleton(new MqttSubscription(topicFilter, kind, typeof(THandler)));
        return services;
    }

    /// <summary>Non-empty, not shared already, '+' a whole level, '#' a whole last level.</summary>
    public static bool IsValidFilter(string? filter)
    {
        if (string.IsNullOrEmpty(filter) || filter.StartsWith("$share/", StringComparison.Ordinal) || filter.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var levels = filter.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if ((level.Contains('+', StringComparison.Ordinal) && level != "+")
                || (level.Contains('#', StringComparison.Ordinal) && (level != "#" || i != levels.Length - 1)))
            {
                return false;
            }
        }

        return true;
    }
}
