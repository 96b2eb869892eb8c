using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Jarvis.ServiceDefaults.Migrations;

public static class MigrationExtensions
{
    /// <summary>
    /// Migrates <paramref name="schema"/> up at start, under its advisory lock, before the other hosted
    /// services start; call it before registering them. Seeds are <see cref="ISchemaSeed"/> services.
    /// </summary>
    public static TBuilder AddSchemaMigrations<TBuilder>(this TBuilder builder, ServiceSchema schema) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(schema);
        builder.Services.AddSingleton(schema);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SchemaMigrationOnStart>());
        return builder;
    }
}
