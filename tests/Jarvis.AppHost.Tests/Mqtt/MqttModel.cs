using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Jarvis.AppHost.Infrastructure;
using Jarvis.AppHost.Services;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.Testing;
using MQTTnet;
using MQTTnet.Formatter;

namespace Jarvis.AppHost.Tests.Mqtt;

/// <summary>The part of the model that speaks MQTT: the broker as <c>Mqtt:*</c> configures it, automation and monitor.</summary>
public static class MqttModel
{
    public static void Describe(IDistributedApplicationBuilder builder)
    {
        var jarvisdb = builder.AddPostgres("postgres").AddDatabase("jarvisdb");
        var mqtt = builder.AddMqttBroker("mqtt");
        var redis = builder.AddRedis("redis");
        builder.AddAutomation(jarvisdb, mqtt, redis);
        builder.AddMonitor(jarvisdb, mqtt);
    }

    /// <summary>The environment of every process of a resource (the orchestrator's process and all below it).</summary>
    public static async Task<IReadOnlyList<string>> EnvironmentsAsync(JarvisTestApp app, string resource)
    {
        var pid = app.ProcessId(resource);
        var environments = new List<string>();
        foreach (var process in ProcessTree.Children(pid).Prepend(pid))
        {
            environments.Add(await File.ReadAllTextAsync($"/proc/{process}/environ"));
        }

        return environments;
    }

    /// <summary>One variable of a resource's own process.</summary>
    public static async Task<string?> VariableAsync(JarvisTestApp app, string resource, string name) =>
        (await File.ReadAllTextAsync($"/proc/{app.ProcessId(resource)}/environ"))
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2))
            .LastOrDefault(e => e[0] == name)?[1];

    /// <summary>Waits until the service's <c>/health</c> reports its <c>mqtt</c> check healthy.</summary>
    public static async Task WaitForMqttCheckHealthyAsync(JarvisTestApp app, string service, TimeSpan timeout)
    {
        var minter = new InternalTokenMinter(app.Secrets.GetOrCreate(ServiceBuilderExtensions.SigningKeySecret, 64, base64: true));
        using var http = app.CreateHttpClient(service);
        using var cts = new CancellationTokenSource(timeout);
        var last = "(no answer)";
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/health", UriKind.Relative));
                request.Headers.Authorization = new("Bearer", minter.Mint(InternalPrincipal.ForService("monitor")));
                using var response = await http.SendAsync(request, cts.Token);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(cts.Token);
                var check = body.GetProperty("checks").GetProperty("mqtt");
                last = check.ToString();
                if (check.GetProperty("status").GetString() == "Healthy")
                {
                    return;
                }

                await Task.Delay(100, cts.Token);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"{service}'s mqtt check was not healthy within {timeout.TotalSeconds:0} s: {last}");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, cts.Token);
            }
        }
    }

    /// <summary>Waits until the model shows <paramref name="resource"/> with this health.</summary>
    public static async Task WaitForHealthAsync(JarvisTestApp app, string resource, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus status, TimeSpan timeout)
    {
        var notifications = (ResourceNotificationService)app.App.Services.GetService(typeof(ResourceNotificationService))!;
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await notifications.WaitForResourceAsync(resource, e => e.Snapshot.HealthStatus == status, cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"'{resource}' was not {status} within {timeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>Connects, or throws when the broker cannot be reached or refuses (the CONNACK's code in the message).</summary>
    public static async Task<IMqttClient> ConnectAsync(string host, int port, string? user = null, string? password = null, string? clientId = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId ?? $"jarvis-test-{Guid.NewGuid():N}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (user is not null)
        {
            options.WithCredentials(user, password);
        }

        try
        {
            var result = await client.ConnectAsync(options.Build());
            return result.ResultCode == MqttClientConnectResultCode.Success
                ? client
                : throw new UnauthorizedAccessException($"The broker refused the connection: {result.ResultCode}");
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>What the broker answers a connect with (MQTTnet 5 returns a refusal rather than throwing).</summary>
    public static async Task<MqttClientConnectResultCode> ConnectResultAsync(string host, int port, string? user = null, string? password = null)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId($"jarvis-test-{Guid.NewGuid():N}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (user is not null)
        {
            options.WithCredentials(user, password);
        }

        var result = await client.ConnectAsync(options.Build());
        if (result.ResultCode == MqttClientConnectResultCode.Success)
        {
            await client.DisconnectAsync();
        }

        return result.ResultCode;
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(100, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{what} within {timeout.TotalSeconds:0} s.");
            }
        }
    }
}
