using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Publishing;

var builder = DistributedApplication.CreateBuilder(args);
Program.Describe(builder);

if (args is ["publish", ..])
{
    // dotnet run --project Jarvis.AppHost -- publish [--output deploy/k8s] [--ImagePrefix registry/jarvis-]
    var output = builder.Configuration["output"] ?? Path.Combine(builder.Options.Layout.Root, "deploy", "k8s");
    var writer = new KubernetesManifestWriter(builder.Resources, builder.Configuration["ImagePrefix"] ?? "jarvis-");
    foreach (var file in writer.Write(output))
    {
        Console.WriteLine($"wrote {file}");
    }

    return;
}

await using var app = builder.Build();
await app.RunAsync();

public partial class Program
{
    /// <summary>
    /// The Jarvis application model, read as an Aspire AppHost: infrastructure first, then the
    /// services with what they reference and wait for. Tests start the same model.
    /// </summary>
    public static void Describe(DistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var postgres = builder.AddPostgres("postgres");
        var jarvisdb = postgres.AddDatabase("jarvisdb");
        var mqtt = builder.AddMosquitto("mqtt");
        var redis = builder.AddRedis("redis");

        var chat = builder.AddProject("chat", "services/Jarvis.Chat/Jarvis.Chat.csproj")
            .WithReference(jarvisdb)
            .WithReference(redis)
            .WithSecret("Jarvis__Admin__InitialPassword")
            .WaitFor(jarvisdb)
            .WaitFor(redis);

        var plugins = builder.AddProject("plugins", "services/Jarvis.Plugins/Jarvis.Plugins.csproj")
            .WithReference(jarvisdb)
            .WithEnvironment("Plugins__Directory", Environment.GetEnvironmentVariable("Plugins__Directory")
                ?? Path.Combine(builder.Options.Layout.Root, "plugins"))
            .WaitFor(jarvisdb);

        var automation = builder.AddProject("automation", "services/Jarvis.Automation/Jarvis.Automation.csproj")
            .WithReference(jarvisdb)
            .WithReference(mqtt)
            .WithReference(redis)
            .WithReplicas(builder.Configuration.GetValue("Automation:Replicas", 1))
            .WaitFor(jarvisdb)
            .WaitFor(mqtt)
            .WaitFor(redis);

        chat.WithReference(plugins).WithReference(automation);

        var monitor = builder.AddProject("monitor", "services/Jarvis.Monitor/Jarvis.Monitor.csproj")
            .WithReference(jarvisdb)
            .WithReference(mqtt)
            .WaitFor(jarvisdb)
            .WaitFor(mqtt);

        builder.AddProject("gateway", "gateway/Jarvis.Gateway/Jarvis.Gateway.csproj")
            .WithHttpEndpoint(port: builder.Configuration.GetValue("Gateway:Port", 8080))
            .WithReference(redis)
            .WithReference(chat)
            .WithReference(plugins)
            .WithReference(automation)
            .WithReference(monitor)
            .WaitFor(redis);

        builder.AddPrometheus("prometheus");
    }
}
