extern alias automation;

using System.Security.Cryptography;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Jarvis.Automation.Tests;

/// <summary>The automation service in-process, configured as the AppHost configures it (connection strings, signing key).</summary>
public sealed class AutomationService(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<automation::Program>
{
    public static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    /// <summary>Every dependency reachable, the key good; <paramref name="overrides"/> change or remove (null) a setting.</summary>
    public static AutomationService With(string database, string mqtt, string redis, params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:jarvisdb"] = database,
            ["ConnectionStrings:mqtt"] = mqtt,
            ["ConnectionStrings:redis"] = redis,
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

        return new AutomationService(settings);
    }

    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>Adds or replaces services before the host is built (a test's MQTT handler, a log capture).</summary>
    public AutomationService WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public static string Token(InternalPrincipal caller) => new InternalTokenMinter(SigningKey).Mint(caller);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => _services.ForEach(configure => configure(services)));
    }
}
