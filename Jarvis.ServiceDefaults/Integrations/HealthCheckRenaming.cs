using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Jarvis.ServiceDefaults.Integrations;

/// <summary>
/// Aspire's client integrations name their checks after the library ("PostgreSql", "StackExchange.Redis")
/// with no tag or timeout; <c>/health</c> has always named them after the resource, tagged ready, with a timeout.
/// </summary>
internal static class HealthCheckRenaming
{
    public static void RenameHealthCheck(this IHostApplicationBuilder builder, string aspireName, string name, TimeSpan timeout) =>
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Where(r => r.Name == aspireName))
            {
                registration.Name = name;
                registration.Tags.Add(Microsoft.Extensions.Hosting.Extensions.ReadyTag);
                registration.Timeout = timeout;
            }
        });
}
