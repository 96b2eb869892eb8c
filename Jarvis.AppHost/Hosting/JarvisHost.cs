using Aspire.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace Jarvis.AppHost.Hosting;

/// <summary>
/// Creates the Aspire builder Jarvis runs on. Settings come from appsettings.json, then <c>JARVIS_*</c>
/// environment variables, then the command line; the dashboard listens on 127.0.0.1 (<c>Dashboard:Port</c>,
/// OTLP on <c>Dashboard:OtlpPort</c>), so the AppHost starts with no launch profile and no extra environment.
/// </summary>
public static class JarvisHost
{
    /// <summary>The AppHost's entry point, for <c>DistributedApplicationTestingBuilder.CreateAsync(Type, …)</c>.</summary>
    public static Type EntryPoint => typeof(Program);

    public static IDistributedApplicationBuilder CreateBuilder(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables("JARVIS_")
            .AddCommandLine(args)
            .Build();

        var defaults = new List<string>();
        void Default(string key, string value)
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(key)) && settings[key] is null)
            {
                defaults.Add($"--{key}={value}");
            }
        }

        var layout = RepositoryLayout.From(settings[RepositoryLayout.StateDirectoryKey]);
        var ports = new PortBook(layout.State("ports.json"));
        Default("ASPNETCORE_URLS", $"http://127.0.0.1:{settings.GetValue("Dashboard:Port", 18888)}");
        Default("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", $"http://127.0.0.1:{ports.For("dashboard-otlp", settings.GetValue<int?>("Dashboard:OtlpPort"))}");
        // Asking NuGet for a newer Aspire on every start is slow and, on these machines, pointless.
        Default("ASPIRE_VERSION_CHECK_DISABLED", "true");
        Default("ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL", $"http://127.0.0.1:{ports.For("dashboard-resources")}");

        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = [.. defaults, .. args],
            // The dashboard and its OTLP endpoint listen on loopback only, over plain HTTP.
            AllowUnsecuredTransport = true,
        });

        // JARVIS_* variables rank between appsettings.json and the command line.
        var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        var commandLine = sources.Select((s, i) => (s, i)).LastOrDefault(x => x.s is CommandLineConfigurationSource);
        var jarvisVariables = new EnvironmentVariablesConfigurationSource { Prefix = "JARVIS_" };
        if (commandLine.s is null)
        {
            sources.Add(jarvisVariables);
        }
        else
        {
            sources.Insert(commandLine.i, jarvisVariables);
        }

        JarvisContext.Attach(builder, layout, ports);
        return builder;
    }
}
