extern alias monitor;

using System.Security.Cryptography;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Jarvis.Monitor.Tests;

/// <summary>The monitor service in-process, configured as the AppHost configures it (connection strings, signing key).</summary>
public sealed class MonitorService(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<monitor::Program>
{
    public static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    /// <summary>Every dependency reachable, the key good; <paramref name="overrides"/> change or remove (null) a setting.</summary>
    public static MonitorService With(string database, string mqtt, params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:jarvisdb"] = database,
            ["ConnectionStrings:mqtt"] = mqtt,
            ["Jarvis:InternalAuth:SigningKey"] = SigningKey,
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
