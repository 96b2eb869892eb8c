using Aspire.Hosting.Testing;
using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Publishing;
using Jarvis.Testing;

namespace Jarvis.AppHost.Tests.Publishing;

public sealed class KubernetesManifestWriterTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("jarvis-k8s-").FullName;

    [Fact]
    public async Task Publish_writes_a_deployment_per_service_with_the_model_replicas_and_no_secret_value()
    {
        var state = JarvisTestApp.NewStateDirectory();
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync(JarvisHost.EntryPoint, [.. JarvisTestApp.TestArgs(state), "--Automation:Replicas=3"]);
        var secretStore = new SecretStore(Path.Combine(state, "secrets"));
        var secrets = new[]
        {
            secretStore.GetOrCreate("Jarvis__InternalAuth__SigningKey", 64, base64: true),
            secretStore.GetOrCreate("postgres-jarvis-password"),
        };
        try
        {
            var files = new KubernetesManifestWriter(builder.Resources, "registry.local/jarvis-").Write(_output);

            Assert.Equal(
                ["automation.yaml", "chat.yaml", "gateway.yaml", "monitor.yaml", "mqtt.yaml", "plugins.yaml", "postgres.yaml", "prometheus.yaml", "redis.yaml", "secrets.md"],
                files.Select(Path.GetFileName).Order());
            var automation = File.ReadAllText(Path.Combine(_output, "automation.yaml"));
            Assert.Contains("kind: Deployment", automation, StringComparison.Ordinal);
            Assert.Contains("replicas: 3", automation, StringComparison.Ordinal);
            Assert.Contains("image: registry.local/jarvis-automation:latest", automation, StringComparison.Ordinal);
            Assert.Contains("value: \"mqtt://mqtt:1883\"", automation, StringComparison.Ordinal);
            Assert.Contains("secretName: automation-secrets", automation, StringComparison.Ordinal);

            var gateway = File.ReadAllText(Path.Combine(_output, "gateway.yaml"));
            Assert.Contains("type: LoadBalancer", gateway, StringComparison.Ordinal);
            Assert.Contains("value: \"http://chat:8080\"", gateway, StringComparison.Ordinal);
            // /metrics on a container port of its own that the load balancer does not expose.
            Assert.Contains("value: \"http://+:8080;http://+:9464\"", gateway, StringComparison.Ordinal);
            Assert.Contains("- name: Jarvis__Management__Port\n              value: \"9464\"", gateway, StringComparison.Ordinal);
            Assert.Contains("- containerPort: 9464\n              name: management", gateway, StringComparison.Ordinal);
            Assert.DoesNotContain("port: 9464", gateway, StringComparison.Ordinal);
            Assert.DoesNotContain("9464", File.ReadAllText(Path.Combine(_output, "chat.yaml")), StringComparison.Ordinal);
            Assert.Contains("type: ClusterIP", File.ReadAllText(Path.Combine(_output, "chat.yaml")), StringComparison.Ordinal);

            Assert.Contains("`chat-secrets`: `Jarvis__InternalAuth__SigningKey`, `Jarvis__Admin__InitialPassword`, `ConnectionStrings__jarvisdb`",
                File.ReadAllText(Path.Combine(_output, "secrets.md")), StringComparison.Ordinal);
            foreach (var file in files)
            {
                var text = File.ReadAllText(file);
                Assert.All(secrets, s => Assert.DoesNotContain(s, text, StringComparison.Ordinal));
            }
        }
        finally
        {
            TestDirectories.Delete(state);
        }
    }

    public void Dispose() => TestDirectories.Delete(_output);
}
