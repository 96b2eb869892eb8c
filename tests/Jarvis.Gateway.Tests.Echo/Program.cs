using Jarvis.Gateway.Tests.Echo;

// Test double for a service behind the gateway (registered as "automation" in the gateway tests):
// answers every path with what it received, so tests see exactly what the gateway forwarded.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGet("/api/devices/events", EventStream.WriteAsync).AllowAnonymous();
app.Map("/{**path}", EchoedRequest.FromAsync).AllowAnonymous();

app.Run();
