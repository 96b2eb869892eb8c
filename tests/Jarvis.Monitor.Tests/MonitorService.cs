extern alias monitor;

using System.Net.Http.Headers;
using System.Security.Cryptography;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StatusBoard = monitor::Jarvis.Monitor.Engine.StatusBoard;

namespace Jarvis.Monitor.Tests;

/// <summary>
/// The monitor service in-process, configured as the AppHost configures it (connection strings, signing key), with
/// quicker background cadences than production (checks reread every 0.2 s, a 2 s lease, rollups every second, no
/// start-up grace) so that tests wait less; what they wait for is still a condition.
/// </summary>
public sealed class MonitorService(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<monitor::Program>
{
    public static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    public static readonly InternalPrincipal Admin = new(Guid.NewGuid().ToString(), "test-admin", InternalRoles.Admin);

    public static readonly InternalPrincipal Person = new(Guid.NewGuid().ToString(), "test-user", InternalRoles.User);

    /// <summary>Every dependency reachable, the key good; <paramref name="overrides"/> change or remove (null) a setting.</summary>
    public static MonitorService With(string database, string mqtt, params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:jarvisdb"] = database,
            ["ConnectionStrings:mqtt"] = mqtt,
            ["Jarvis:InternalAuth:SigningKey"] = SigningKey,
            ["Monitor:ReloadInterval"] = "00:00:00.200",
            ["Monitor:LeaseDuration"] = "00:00:02",
            ["Monitor:LeaseRenewal"] = "00:00:00.500",
            ["Monitor:RollupInterval"] = "00:00:01",
            ["Monitor:Delivery:FirstRetry"] = "00:00:00.200",
            ["Monitor:StartupGrace"] = "00:00:00",
        };
        foreach (var (key, value) in overrides)
        {
            // A setting handed to the host as null arrives as "", so a missing one is simply not given.
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        return new MonitorService(settings);
    }

    public static string Token(InternalPrincipal caller) => new InternalTokenMinter(SigningKey).Mint(caller);

    public StatusBoard Board => Services.GetRequiredService<StatusBoard>();

    /// <summary>A client whose requests carry <paramref name="caller"/>'s internal token.</summary>
    public HttpClient ClientFor(InternalPrincipal caller)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(caller));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
