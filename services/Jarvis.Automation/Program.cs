using Jarvis.Automation.Apis;
using Jarvis.Automation.Extensions;
using Jarvis.Automation.Grpc;
using Jarvis.Automation.Infrastructure.Migrations;
using Jarvis.ServiceDefaults.Migrations;

// dotnet Jarvis.Automation.dll migrate up [--to N] | down --to N | status
if (MigrationCommand.Matches(args))
{
    return await MigrationCommand.RunAsync(args, AutomationSchema.Definition);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.Services.AddOpenApi(options => options.AddDocumentTransformer<AutomationOpenApiDocument>());

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();

app.MapDevicesApi();
app.MapEntitiesApi();
app.MapCommandsApi();
app.MapAreasApi();
app.MapEventsApi();
app.MapAutomationsApi();
// Sibling services' MQTT messages (proto/automation.proto), on the gRPC port.
app.MapGrpcService<MqttPublishingService>();

await app.RunAsync();
return 0;
