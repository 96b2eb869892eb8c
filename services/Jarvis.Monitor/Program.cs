using Jarvis.Monitor.Apis;
using Jarvis.Monitor.Extensions;
using Jarvis.Monitor.Infrastructure.Migrations;
using Jarvis.Monitor.Metrics;
using Jarvis.ServiceDefaults.Migrations;

// dotnet Jarvis.Monitor.dll migrate up [--to N] | down --to N | status
if (MigrationCommand.Matches(args))
{
    return await MigrationCommand.RunAsync(args, MonitorSchema.Definition);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.Services.AddOpenApi(options => options.AddDocumentTransformer<MonitorOpenApiDocument>());

var app = builder.Build();
app.Services.GetRequiredService<UptimeKumaMetrics>();

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();

app.MapStatusApi();
app.MapChecksApi();
app.MapHistoryApi();
app.MapIncidentsApi();
app.MapChannelsApi();
app.MapEventsApi();

await app.RunAsync();
return 0;
