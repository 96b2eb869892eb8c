using Jarvis.Plugins.Extensions;
using Jarvis.Plugins.Infrastructure.Migrations;

// dotnet Jarvis.Plugins.dll migrate up | down --to N
if (PluginsMigrationCommand.Matches(args))
{
    return await PluginsMigrationCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.Services.AddOpenApi();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapPluginsApi();

await app.RunAsync();
return 0;
