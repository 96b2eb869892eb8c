using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Infrastructure;
using Jarvis.AppHost.Publishing;
using Jarvis.AppHost.Services;

var builder = JarvisHost.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres");
var jarvisdb = postgres.AddDatabase("jarvisdb");
var mqtt = builder.AddMqttBroker("mqtt"); // Mosquitto, or your own broker when Mqtt:Broker names one
var redis = builder.AddRedis("redis");

var automation = builder.AddAutomation(jarvisdb, mqtt, redis);
var plugins = builder.AddPlugins(jarvisdb, automation: automation);
var chat = builder.AddChat(jarvisdb, redis)
    .WithReference(plugins)
    .WithReference(automation);
var monitor = builder.AddMonitor(jarvisdb, mqtt, redis);

var gateway = builder.AddGateway(redis)
    .WithReference(chat)
    .WithReference(plugins)
    .WithReference(automation)
    .WithReference(monitor);

var prometheus = builder.AddPrometheus("prometheus");
monitor.WatchedBy(prometheus, chat, plugins, automation, gateway);

if (args is ["publish", ..])
{
    // dotnet run --project Jarvis.AppHost -- publish [--output deploy/k8s] [--ImagePrefix registry/jarvis-]
    var output = builder.Configuration["output"] ?? Path.Combine(JarvisContext.Of(builder).Layout.Root, "deploy", "k8s");
    var writer = new KubernetesManifestWriter(builder.Resources, builder.Configuration["ImagePrefix"] ?? "jarvis-");
    foreach (var file in writer.Write(output))
    {
        Console.WriteLine($"wrote {file}");
    }

    return;
}

builder.Build().Run();
