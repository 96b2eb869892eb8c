using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Jarvis.AppHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jarvis.AppHost.Dashboard;

/// <summary>
/// The AppHost's dashboard on 127.0.0.1:18888: resources, state, health, pids, endpoints, restarts,
/// live logs, and stop/start/restart. Guarded by a token printed at start, as Aspire's is.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    public const string CookieName = "jarvis-dashboard";
    private readonly DistributedApplication _app;
    private readonly WebApplication _web;
    private readonly byte[] _token;
    private readonly string _session;

    public DashboardServer(DistributedApplication app, IConfiguration configuration, string? token = null)
    {
        _app = app;
        Token = token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _token = Encoding.UTF8.GetBytes(Token);
        // The cookie carries a value derived from the token, never the token itself.
        _session = Convert.ToHexStringLower(HMACSHA256.HashData(RandomNumberGenerator.GetBytes(32), _token));
        var port = configuration.GetValue<int?>("Dashboard:Port") ?? (app.Options.Testing ? 0 : 18888);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        _web = builder.Build();
        _web.Use(SecurityHeaders);
        _web.Use(RequireToken);
        DashboardApi.Map(_web, _app, this);
    }

    public string Token { get; }

    public Uri Url => new(_web.Urls.First());

    public Uri LoginUrl => new(Url, $"/login?t={Token}");

    public Task StartAsync(CancellationToken cancellationToken) => _web.StartAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
    }

    internal bool IsToken(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _token);

    internal void SignIn(HttpContext context) =>
        context.Response.Cookies.Append(CookieName, _session, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        });

    internal static Stream Asset(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream($"Jarvis.AppHost.Dashboard.wwwroot.{name}")
        ?? throw new FileNotFoundException(name);

    private static Task SecurityHeaders(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return next(context);
    }

    private Task RequireToken(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path == "/login")
        {
            return next(context);
        }

        var bearer = context.Request.Headers.Authorization.ToString();
        if (bearer.StartsWith("Bearer ", StringComparison.Ordinal) && IsToken(bearer["Bearer ".Length..]))
        {
            return next(context);
        }

        var cookie = context.Request.Cookies[CookieName];
        var cookieOk = cookie is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(cookie), Encoding.UTF8.GetBytes(_session));
        // A cookie alone cannot act: actions also need a header a cross-site form cannot send.
        if (cookieOk && (HttpMethods.IsGet(context.Request.Method) || context.Request.Headers.ContainsKey("X-Dashboard-Action")))
        {
            return next(context);
        }

        return Results.Problem(
            title: "Dashboard login required",
            detail: "Open the login URL the AppHost printed at start (it holds the token), or send Authorization: Bearer <token>.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
    }
}
