using System.Text.RegularExpressions;
using Jarvis.AppHost.Infrastructure;
using Npgsql;
using Xunit;

namespace Jarvis.Testing;

/// <summary>
/// A real PostgreSQL from the machine's binaries, started on Aspire (<see cref="JarvisTestApp"/>) in
/// a throwaway directory. Share it per test class (IClassFixture) or collection.
/// </summary>
public sealed partial class PostgresFixture : IAsyncLifetime
{
    private JarvisTestApp? _app;

    public JarvisTestApp App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The <c>jarvis</c> role on database <c>jarvisdb</c>, as services get it.</summary>
    public string ConnectionString => App.GetConnectionString("jarvisdb");

    public PostgresServerResource Server => App.Resource<PostgresServerResource>("postgres");

    public async Task InitializeAsync() => _app = await JarvisTestApp.StartAsync(b => b.AddPostgres("postgres").AddDatabase("jarvisdb"));

    /// <summary>A fresh, empty database owned by the <c>jarvis</c> role; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException("Use lowercase letters, digits and underscores.", nameof(name));
        }

        await using var connection = new NpgsqlConnection(Server.SuperuserConnectionString());
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" OWNER {PostgresServerResource.ApplicationRole}", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        return Server.ApplicationConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
