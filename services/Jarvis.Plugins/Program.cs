using Jarvis.Plugins.Apis;
using Jarvis.Plugins.Extensions;
using Jarvis.Plugins.Infrastructure.Migrations;
using Jarvis.ServiceDefaults.Migrations;

// dotnet Jarvis.Plugins.dll migrate up [--to N] | down --to N | status
if (MigrationCommand.Matches(args))
{
    return await MigrationCommand.RunAsync(args, PluginsSchema.Definition);
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
