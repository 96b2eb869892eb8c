using System.Net.Http.Json;
using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Infrastructure;
using Jarvis.AppHost.Services;
using Jarvis.Chat.Model;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.Testing;
using Npgsql;

namespace Jarvis.Chat.Tests;

/// <summary>
/// PostgreSQL, Redis and the chat service as a real process, as the AppHost runs them. One per
/// collection: starting is expensive.
/// </summary>
public sealed class ChatServiceFixture : IAsyncLifetime
{
    private JarvisTestApp? _app;

    public JarvisTestApp App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    public InternalTokenMinter Minter => new(App.Secrets.GetOrCreate(ServiceBuilderExtensions.SigningKeySecret, 64, base64: true));

    public string AdminPassword => App.Secrets.GetOrCreate(JarvisContext.AdminPasswordSecret, 18);

    public PostgresServerResource Postgres => App.Resource<PostgresServerResource>("postgres");

    /// <summary>The service's own database, as the <c>jarvis</c> role.</summary>
    public string DatabaseConnectionString => App.GetConnectionString("jarvisdb");

    public string RedisConnectionString => App.GetConnectionString("redis");

    /// <summary>An admin as the gateway would sign one in (the token alone; admin routes need no row).</summary>
    public InternalPrincipal Admin { get; } = new(Guid.NewGuid().ToString(), "test-admin", InternalRoles.Admin);

    public async Task InitializeAsync() => _app = await JarvisTestApp.StartAsync(b => ChatModel.Add(b));

    /// <summary>A client whose every request carries a freshly minted token for <paramref name="caller"/>.</summary>
    public HttpClient Client(InternalPrincipal? caller)
    {
        var handler = new TokenHandler(caller is null ? null : () => Minter.Mint(caller)) { InnerHandler = new HttpClientHandler() };
        return new HttpClient(handler) { BaseAddress = App.GetEndpoint("chat") };
    }

    public HttpClient AdminClient() => Client(Admin);

    public HttpClient ServiceClient() => Client(InternalPrincipal.ForService("gateway"));

    /// <summary>A new person, created through the admin API, and a client signed in as them.</summary>
    public async Task<TestUser> NewUserAsync(string role = UserRoles.User, string? password = null)
    {
        var username = "u" + Guid.NewGuid().ToString("N")[..12];
        password ??= "correct horse battery " + Guid.NewGuid().ToString("N")[..6];
        using var admin = AdminClient();
        using var response = await admin.PostAsJsonAsync("/api/chat/users", new { username, password, role });
        response.EnsureSuccessStatusCode();
        var account = (await response.Content.ReadFromJsonAsync<UserAccount>())!;
        return new TestUser(account, password, Client(new InternalPrincipal(account.Id.ToString(), username, role)));
    }

    /// <summary>A fresh, empty database on the same server, owned by the <c>jarvis</c> role (name: lowercase, digits, _).</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        Assert.Matches("^[a-z][a-z0-9_]{0,62}$", name);
        await using var connection = new NpgsqlConnection(Postgres.SuperuserConnectionString());
        await connection.OpenAsync();
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", $"CREATE DATABASE \"{name}\" OWNER {PostgresServerResource.ApplicationRole}" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        return Postgres.ApplicationConnectionString(name);
    }

    /// <summary>Where the chat service's log stands now, for <see cref="LogSince"/>.</summary>
    public int LogMark() => App.LogMark("chat");

    /// <summary>What the chat service logged after <paramref name="mark"/>.</summary>
    public string LogSince(int mark) => App.LogSince("chat", mark);

    /// <summary>Until the service's readiness (PostgreSQL and Redis reachable) is 200 again.</summary>
    public async Task WaitUntilHealthyAsync()
    {
        using var http = Client(null);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await http.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode)
        {
            Assert.True(DateTime.UtcNow < deadline, "chat did not become healthy again within 30 s");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private sealed class TokenHandler(Func<string>? token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (token is not null)
            {
                request.Headers.Authorization = new("Bearer", token());
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
