using Jarvis.Gateway.Apis;
using Jarvis.Gateway.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.Services.AddOpenApi();

var app = builder.Build();
await app.PrepareKeyRingAsync();

app.MapDefaultEndpoints();
app.UseGatewayPipeline();
app.MapOpenApi().AllowAnonymous();

app.MapAuthApi();
app.MapServiceRoutes();
app.MapWebRoot();

await app.RunAsync();
