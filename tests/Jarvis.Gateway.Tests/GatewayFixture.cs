using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Aspire.Hosting;
using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Services;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.Testing;
using StackExchange.Redis;

namespace Jarvis.Gateway.Tests;

/// <summary>
/// Real processes: PostgreSQL, Redis, the chat service, the echo test double standing in for automation,
/// two gateway replicas (with a test web root and short rate-limit windows) and a third gateway serving HTTPS.
/// Plugins and monitor are absent on purpose: their routes must answer 503.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const int LoginsPerUsername = 30;
    public static readonly TimeSpan LoginWindow = TimeSpan.FromSeconds(3);
    public const int LoginsPerAddress = 40;
    public const int RequestsPerAddress = 300;
    public static readonly TimeSpan AddressWindow = TimeSpan.FromSeconds(3);
    public const int RequestsPerUser = 200;
    public static readonly TimeSpan UserWindow = TimeSpan.FromSeconds(5);

    private JarvisTestApp? _app;
    private ConnectionMultiplexer? _redis;
    private readonly SemaphoreSlim _sharedLock = new(1, 1);
    private Browser? _sharedAdmin;
    private readonly SemaphoreSlim _paceLock = new(1, 1);
    private readonly Queue<DateTime> _adminLogins = new();

    public JarvisTestApp App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    public string WebRoot { get; } = Path.Combine(Path.GetTempPath(), "jarvis-gateway-web-" + Guid.NewGuid().ToString("N")[..8]);

    public string TlsDirectory { get; } = Path.Combine(Path.GetTempPath(), "jarvis-gateway-tls-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The HTTPS gateway's content root: a copy of the gateway's appsettings.json that tests may edit.</summary>
    public string TlsGatewayContentRoot { get; } = Path.Combine(Path.GetTempPath(), "jarvis-gateway-root-" + Guid.NewGuid().ToString("N")[..8]);

    public string TlsGatewaySettingsPath => Path.Combine(TlsGatewayContentRoot, "appsettings.json");

    public string CertificatePath => Path.Combine(TlsDirectory, "gateway.crt");

    public string KeyPath => Path.Combine(TlsDirectory, "gateway.key");

    public int HttpsPort { get; } = FreePort();

    public X509Certificate2 FirstCertificate { get; } = TestCertificate.Create("jarvis-test-first");

    public string AdminPassword => App.Secrets.GetOrCreate(JarvisContext.AdminPasswordSecret, 18);

    public InternalTokenMinter Minter => new(App.Secrets.GetOrCreate(ServiceBuilderExtensions.SigningKeySecret, 64, base64: true));

    public IDatabase Redis => (_redis ?? throw new InvalidOperationException("The fixture has not started.")).GetDatabase();

    public Uri Gateway(int replica = 0) => App.GetEndpoint("gateway", replica);

    public Uri HttpsGateway => new($"https://127.0.0.1:{HttpsPort}");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(WebRoot, "assets"));
        await File.WriteAllTextAsync(Path.Combine(WebRoot, "index.html"),
            "<!doctype html><title>Jarvis test app</title><script type=\"module\" src=\"/assets/app-3f9a1c.js\"></script>");
        await File.WriteAllTextAsync(Path.Combine(WebRoot, "assets", "app-3f9a1c.js"), "console.log('jarvis');");
        await File.WriteAllTextAsync(Path.Combine(WebRoot, "robots.txt"), "User-agent: *\nDisallow: /api/\n");
        Directory.CreateDirectory(TlsDirectory);
        TestCertificate.WritePem(FirstCertificate, CertificatePath, KeyPath);

        var root = RepositoryLayout.Metadata("Jarvis.RepositoryRoot");
        Directory.CreateDirectory(TlsGatewayContentRoot);
        File.Copy(Path.Combine(root, "gateway", "Jarvis.Gateway", "appsettings.json"), TlsGatewaySettingsPath);
        _app = await JarvisTestApp.StartAsync(builder =>
        {
            var (_, redis, chat) = ChatModel.Add(builder);
            // A test double, not the automation service: it echoes what the gateway forwarded to it.
            var automation = builder.AddProject("automation", Path.Combine(root, "tests/Jarvis.Gateway.Tests.Echo/Jarvis.Gateway.Tests.Echo.csproj"))
                .WithJarvisDefaults();

            var gateway = builder.AddGateway(redis)
                .WithReference(chat).WithReference(automation)
                .WithReplicas(2)
                .WithEnvironment("Gateway__WebRoot", WebRoot)
                .WithEnvironment("Gateway__RateLimits__LoginPerUsername__PermitLimit", LoginsPerUsername.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithEnvironment("Gateway__RateLimits__LoginPerUsername__Window", LoginWindow.ToString())
                .WithEnvironment("Gateway__RateLimits__LoginPerAddress__PermitLimit", LoginsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithEnvironment("Gateway__RateLimits__LoginPerAddress__Window", AddressWindow.ToString())
                .WithEnvironment("Gateway__RateLimits__PerAddress__PermitLimit", RequestsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithEnvironment("Gateway__RateLimits__PerAddress__Window", AddressWindow.ToString())
                .WithEnvironment("Gateway__RateLimits__PerUser__PermitLimit", RequestsPerUser.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithEnvironment("Gateway__RateLimits__PerUser__Window", UserWindow.ToString())
                .WaitFor(chat).WaitFor(automation);

            builder.AddProject("gateway-tls", Path.Combine(root, "gateway/Jarvis.Gateway/Jarvis.Gateway.csproj"))
                .WithJarvisDefaults()
                .WithReference(redis).WithReference(chat).WithReference(automation)
                .WithEnvironment("Gateway__Tls__CertificatePath", CertificatePath)
                .WithEnvironment("Gateway__Tls__KeyPath", KeyPath)
                .WithEnvironment("Gateway__Tls__Port", HttpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithEnvironment("Gateway__Tls__Address", "127.0.0.1")
                .WithEnvironment("ASPNETCORE_CONTENTROOT", TlsGatewayContentRoot)
                .WaitFor(gateway);
        });
        _redis = await ConnectionMultiplexer.ConnectAsync(App.GetConnectionString("redis"));
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _sharedAdmin?.Dispose();
        _sharedLock.Dispose();
        _paceLock.Dispose();
        TestDirectories.Delete(WebRoot);
        TestDirectories.Delete(TlsDirectory);
        TestDirectories.Delete(TlsGatewayContentRoot);
        FirstCertificate.Dispose();
    }

    /// <summary>A browser-like client of one gateway replica; cookies are handled by <see cref="Browser"/>.</summary>
    public Browser NewBrowser(int replica = 0, IPAddress? from = null) => new(Gateway(replica), from);

    /// <summary>One admin session for tests that only read with it.</summary>
    public async Task<Browser> SharedAdminAsync()
    {
        await _sharedLock.WaitAsync();
        try
        {
            using var check = _sharedAdmin is null ? null : await _sharedAdmin.GetAsync("/api/auth/me");
            if (check is not { IsSuccessStatusCode: true })
            {
                _sharedAdmin?.Dispose();
                _sharedAdmin = await SignInAsAdminAsync();
            }

            return _sharedAdmin!;
        }
        finally
        {
            _sharedLock.Release();
        }
    }

    public async Task<Browser> SignInAsAdminAsync(int replica = 0)
    {
        await PaceAdminLoginAsync();
        var browser = NewBrowser(replica);
        await browser.SignInAsync("admin", AdminPassword);
        return browser;
    }

    // Tests sign in as admin often; on a fast machine they could reach the per-username login limit, which is
    // the rate-limit tests' business, not theirs. At most two thirds of the limit per window, then wait.
    private async Task PaceAdminLoginAsync()
    {
        await _paceLock.WaitAsync();
        try
        {
            while (_adminLogins.Count > 0 && DateTime.UtcNow - _adminLogins.Peek() > LoginWindow)
            {
                _adminLogins.Dequeue();
            }

            if (_adminLogins.Count >= LoginsPerUsername * 2 / 3)
            {
                await Task.Delay(LoginWindow - (DateTime.UtcNow - _adminLogins.Peek()) + TimeSpan.FromMilliseconds(100));
                _adminLogins.Dequeue();
            }

            _adminLogins.Enqueue(DateTime.UtcNow);
        }
        finally
        {
            _paceLock.Release();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
