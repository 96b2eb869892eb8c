using System.Net.Http.Json;
using Aspire.Hosting;
using Jarvis.AppHost.Services;
using Jarvis.Chat.Model;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.Testing;
using Npgsql;

namespace Jarvis.Chat.Tests.Infrastructure;

public sealed class ReplicaStartTests
{
    [Fact]
    public async Task Two_replicas_starting_together_on_an_empty_database_migrate_once_and_create_one_admin()
    {
        var app = await JarvisTestApp.StartAsync(b => ChatModel.Add(b).Chat.WithReplicas(2));
        try
        {
            // Both replicas answer their own health check, and neither had to be restarted.
            for (var replica = 0; replica < 2; replica++)
            {
                using var probe = app.CreateHttpClient("chat", replica);
                Assert.True((await probe.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode);
                Assert.Equal(0, app.Restarts("chat", replica));
            }

            await using var connection = new NpgsqlConnection(app.GetConnectionString("jarvisdb"));
            await connection.OpenAsync();
            await using (var versions = new NpgsqlCommand("SELECT count(*), count(DISTINCT version) FROM chat.schema_version", connection))
            await using (var reader = await versions.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                Assert.Equal((5L, 5L), (reader.GetInt64(0), reader.GetInt64(1)));
            }

            await using (var users = new NpgsqlCommand("SELECT username FROM chat.users", connection))
            {
                Assert.Equal("admin", await users.ExecuteScalarAsync());
            }

            // Either replica serves the same data.
            var minter = new InternalTokenMinter(app.Secrets.GetOrCreate(ServiceBuilderExtensions.SigningKeySecret, 64, base64: true));
            var admin = new InternalPrincipal(Guid.NewGuid().ToString(), "admin-test", InternalRoles.Admin);
            for (var replica = 0; replica < 2; replica++)
            {
                using var http = app.CreateHttpClient("chat", replica);
                http.DefaultRequestHeaders.Authorization = new("Bearer", minter.Mint(admin));
                var page = await http.GetFromJsonAsync<Page<UserAccount>>("/api/chat/users");
                Assert.Equal(["admin"], page!.Items.Select(u => u.Username));
            }
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
