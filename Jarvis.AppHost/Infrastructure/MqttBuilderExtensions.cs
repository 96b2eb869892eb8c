using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Jarvis.AppHost.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace Jarvis.AppHost.Infrastructure;

/// <summary>
/// The message bus in the model: the AppHost's own Mosquitto (loopback and anonymous, the first-run default;
/// <c>Mqtt:Listen</c> adds a network listener with a password), or the person's own broker when
/// <c>Mqtt:Broker</c> names one, and then no Mosquitto is started.
/// </summary>
public static class MqttBuilderExtensions
{
    /// <summary>The person's own broker: <c>mqtt://[user@]host[:port]</c>, never with a password.</summary>
    public const string BrokerKey = "Mqtt:Broker";

    /// <summary>A file holding that broker's password (mode 0600 or stricter).</summary>
    public const string PasswordFileKey = "Mqtt:PasswordFile";

    /// <summary>Where the AppHost's own Mosquitto listens for devices on the network: <c>1883</c>, <c>0.0.0.0:1883</c>.</summary>
    public const string ListenKey = "Mqtt:Listen";

    /// <summary>The password of the person's broker in <c>.jarvis/secrets</c>, read when <c>Mqtt:PasswordFile</c> is not set.</summary>
    public const string BrokerPasswordSecret = "mqtt-broker-password";

    /// <summary>The person's broker when <c>Mqtt:Broker</c> is set, else the AppHost's own Mosquitto.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddMqttBroker(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Configuration[BrokerKey] is not { Length: > 0 } broker)
        {
            return builder.AddMosquitto(name);
        }

        if (builder.Configuration[ListenKey] is { Length: > 0 })
        {
            throw new InvalidOperationException($"{ListenKey} opens the AppHost's own broker to the network, but {BrokerKey} names your broker, so Jarvis starts none: remove one of them.");
        }

        return builder.AddExternalMqttBroker(name, broker);
    }

    /// <summary>
    /// A broker Jarvis does not run: <paramref name="address"/> is <c>mqtt://[user@]host[:port]</c>. Its password comes from the
    /// file <c>Mqtt:PasswordFile</c> names, else from <c>.jarvis/secrets/mqtt-broker-password</c>; a password in the address
    /// (which would sit on a command line or in the environment every service inherits) is refused.
    /// </summary>
    public static IResourceBuilder<ExternalMqttBrokerResource> AddExternalMqttBroker(this IDistributedApplicationBuilder builder, string name, string address)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(address);
        var jarvis = JarvisContext.Of(builder);
        var text = address.Contains("://", StringComparison.Ordinal) ? address.Trim() : "mqtt://" + address.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("mqtt" or "tcp") || string.IsNullOrEmpty(uri.Host)
            || uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0)
        {
            throw new InvalidOperationException($"{BrokerKey} must be an address such as mqtt://user@192.168.1.10:1883.");
        }

        if (uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{BrokerKey} holds a password; it would be visible in the AppHost's command line or environment. Give only the user (mqtt://user@host:port) and put the password in a file of mode 0600 named by {PasswordFileKey}, or in {Path.Combine(jarvis.Secrets.Directory, BrokerPasswordSecret)}.");
        }

        var username = uri.UserInfo.Length > 0 ? Uri.UnescapeDataString(uri.UserInfo) : null;
        var stored = Path.Combine(jarvis.Secrets.Directory, BrokerPasswordSecret);
        var passwordFile = builder.Configuration[PasswordFileKey] is { Length: > 0 } configured
            ? new MqttPasswordFile(configured)
            : File.Exists(stored) ? new MqttPasswordFile(stored) : null;
        if (passwordFile is not null && username is null)
        {
            throw new InvalidOperationException($"A password for the MQTT broker needs a user: {BrokerKey}=mqtt://user@{uri.Host}:{uri.Port}.");
        }

        if (passwordFile is null && username is not null)
        {
            throw new InvalidOperationException($"{BrokerKey} names user '{username}' but no password: write it to a file of mode 0600 named by {PasswordFileKey}, or to {stored}.");
        }

        // Refused now, with the reason, rather than as a failing health check later.
        passwordFile?.Read();

        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
        var broker = new ExternalMqttBrokerResource(name, host, uri.IsDefaultPort || uri.Port < 0 ? 1883 : uri.Port, username, passwordFile);

        var healthKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthKey, ct => CheckAsync(broker, ct));

        return builder.AddResource(broker)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "MqttBroker",
                State = KnownResourceStates.Waiting,
                Properties =
                [
                    new("broker", broker.Where),
                    new("user", broker.Username ?? "(anonymous)"),
                    new("password file", broker.PasswordFile?.Path ?? "(none)"),
                ],
            })
            .WithHealthCheck(healthKey)
            .OnInitializeResource(async (resource, e, ct) =>
            {
                // No process: it "runs" from the start, and its health says whether it answers.
                e.Logger.LogInformation("Your MQTT broker {Broker}{User}; Jarvis starts none.", resource.Where,
                    resource.Username is null ? " (anonymous)" : $" as '{resource.Username}', password from {resource.PasswordFile?.Path}");
                await e.Notifications.PublishUpdateAsync(resource, s => s with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow });
            });
    }

    /// <summary>An MQTT connect with the broker's credentials: a wrong password shows as unhealthy too, not only a dead host.</summary>
    private static async Task<HealthCheckResult> CheckAsync(ExternalMqttBrokerResource broker, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new MqttClientFactory().CreateMqttClient();
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer(broker.Host, broker.Port)
                .WithClientId($"jarvis-apphost-health-{Guid.NewGuid():N}")
                .WithTimeout(TimeSpan.FromSeconds(3));
            if (broker.Username is { } username)
            {
                options.WithCredentials(username, broker.PasswordFile?.Read());
            }

            // MQTTnet 5 returns a refusal (a wrong password) as a result code rather than throwing.
            var result = await client.ConnectAsync(options.Build(), cancellationToken);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                return HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture, $"MQTT broker {broker.Where} refuses Jarvis: {result.ResultCode}"));
            }

            await client.DisconnectAsync(cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy(broker.Where);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception's message names the host or the refusal, never the password.
            return HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture, $"MQTT broker {broker.Where} does not accept Jarvis: {ex.Message}"));
        }
    }
}
