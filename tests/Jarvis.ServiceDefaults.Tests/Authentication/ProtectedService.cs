using System.Security.Claims;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Jarvis.ServiceDefaults.Tests.Authentication;

/// <summary>A real Kestrel service on ServiceDefaults with one route per policy.</summary>
public sealed class ProtectedService : IAsyncLifetime
{
    public static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jarvis:InternalAuth:SigningKey"] = SigningKey,
        });
        builder.AddServiceDefaults();
        _app = builder.Build();
        _app.MapDefaultEndpoints();
        _app.MapGet("/whoami", (ClaimsPrincipal user) => new
        {
            sub = user.FindFirstValue("sub"),
            name = user.Identity?.Name,
            role = user.FindFirstValue("role"),
        }).RequireAuthorization(InternalPolicies.User);
        _app.MapGet("/admin", () => "ok").RequireAuthorization(InternalPolicies.Admin);
        _app.MapGet("/fallback", () => "ok");
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
