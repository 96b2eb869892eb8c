using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Testing;
using Jarvis.Testing;

namespace Jarvis.AppHost.Tests.Hosting;

public sealed class ReplicasTests
{
    [Fact]
    public async Task WithReplicas_runs_n_healthy_processes_on_their_own_ports_and_references_name_each_one()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var db = builder.AddPostgres("postgres").AddDatabase("jarvisdb");
        var chat = builder.AddProject("chat", "services/Jarvis.Chat/Jarvis.Chat.csproj")
            .WithReference(db).WithSecret("Jarvis__Admin__InitialPassword").WaitFor(db).WithReplicas(2);
        builder.AddProject("plugins", "services/Jarvis.Plugins/Jarvis.Plugins.csproj")
            .WithReference(db).WithReference(chat).WaitFor(db);
        await using var app = builder.Build();
        try
        {
            await app.StartAsync();

            var replicas = app.Runner("chat").Replicas;
            Assert.Equal(2, replicas.Count);
            Assert.All(replicas, r => Assert.Equal(HealthStatus.Healthy, r.Health));
            Assert.Equal(2, replicas.Select(r => r.ProcessId).Distinct().Count());
            Assert.Equal(2, replicas.Select(r => r.Endpoints[0].Port).Distinct().Count());
            foreach (var replica in replicas)
            {
                using var http = app.CreateHttpClient("chat", replica.Index);
                Assert.True((await http.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode);
            }

            var environment = await File.ReadAllTextAsync($"/proc/{app.Runner("plugins").Replicas[0].ProcessId}/environ");
            Assert.Contains($"services__chat__http__0={replicas[0].Endpoints[0]}\0", environment, StringComparison.Ordinal);
            Assert.Contains($"services__chat__http__1={replicas[1].Endpoints[0]}\0", environment, StringComparison.Ordinal);
        }
        finally
        {
            await app.DisposeAsync();
            TestDirectories.Delete(app.Options.Layout.StateDirectory);
        }
    }
}
