using System.Net;
using System.Net.Http.Json;
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
/// two gateway replicas (with a test web root and test rate limits) and a third gateway serving HTTPS.
/// Plugins and monitor are absent on purpose: their routes must answer 503.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    // The limits kept in Redis refill only after a period longer than any test, so nothing refills behind a
    // test's back; a test that shows a refill moves the bucket's clock (BucketClock). The general budgets live in
    // each gateway's memory, out of the tests' reach, so they keep short windows and their tests wait for the refill.

    // Login limits as small as in production: a login that passes costs a password hash on chat, and many at once
    // on a loaded machine outlast the gateway's 10 s wait for chat (503).
    public const int LoginsPerUsername = 5;
    public const int LoginsPerAddress = 20;
    public static readonly TimeSpan LoginWindow = TimeSpan.FromMinutes(10);
    public const int MessageBurst = 3;
    public static readonly TimeSpan MessageRefill = TimeSpan.FromMinutes(10);
    public const int RequestsPerAddress = 300;
    public static readonly TimeSpan AddressWindow = TimeSpan.FromSeconds(3);
    public const int RequestsPerUser = 200;
    public static readonly TimeSpan UserWindow = TimeSpan.FromSeconds(5);

    private JarvisTestApp? _app;
    private ConnectionMultiplexer? _redis;
    private readonly SemaphoreSlim _sharedLock = new(1, 1);
    private Browser? _sharedAdmin;
    private (string Username, string Password)? _sharedAdminAccount;
    private int _addresses;

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
                .WithEnvironment("Gateway__RateLimits__LoginPerAddress__Window", LoginWindow.ToString())
                .WithEnvironment("Gateway__RateLimits__MessageSend__TokenLimit", MessageBurst.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithEnvironment("Gateway__RateLimits__MessageSend__TokensPerPeriod", "1")
                .WithEnvironment("Gateway__RateLimits__MessageSend__ReplenishmentPeriod", MessageRefill.ToString())
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
                // The placeholder page, named: left to itself the gateway would find gateway/web/dist once the web app is built.
                .WithEnvironment("Gateway__WebRoot", Path.Combine(root, "gateway", "Jarvis.Gateway", "placeholder"))
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
        TestDirectories.Delete(WebRoot);
        TestDirectories.Delete(TlsDirectory);
        TestDirectories.Delete(TlsGatewayContentRoot);
        FirstCertificate.Dispose();
    }

    /// <summary>
    /// A loopback address no other caller gets (127.1.0.1, 127.1.0.2, …; Linux routes all of 127/8 to the loopback
    /// interface): a client of its own for the per-address limits, whatever else the suite sends meanwhile.
    /// </summary>
    public IPAddress NewAddress()
    {
        var n = Interlocked.Increment(ref _addresses) - 1;
        return new IPAddress([127, (byte)(1 + (n / 64516)), (byte)(n / 254 % 254), (byte)(1 + (n % 254))]);
    }

    /// <summary>A browser-like client of one gateway replica, from an address of its own unless told otherwise.</summary>
    public Browser NewBrowser(int replica = 0, IPAddress? from = null) => new(Gateway(replica), from ?? NewAddress());

    /// <summary>
    /// A new person, created straight on the chat service with a minted admin token, so that making one counts
    /// against no gateway limit. Tests sign in as people of their own: the login, message and per-user limits
    /// are partitioned by user, and no test spends another's budget.
    /// </summary>
    public async Task<(string Username, string Password)> NewAccountAsync(string role = InternalRoles.Admin)
    {
        var username = role + "-" + Guid.NewGuid().ToString("N")[..12];
        var password = "correct horse battery " + Guid.NewGuid().ToString("N")[..8];
        using var chat = new HttpClient { BaseAddress = App.GetEndpoint("chat") };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/users")
        {
            Content = JsonContent.Create(new { username, password, role }),
        };
        request.Headers.Authorization = new("Bearer", Minter.Mint(new InternalPrincipal(Guid.NewGuid().ToString(), "gateway-tests", InternalRoles.Admin)));
        using var response = await chat.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (username, password);
    }

    /// <summary>A new admin of this test's own, signed in from an address of its own.</summary>
    public async Task<Browser> SignInAsNewAdminAsync(int replica = 0)
    {
        var (username, password) = await NewAccountAsync(InternalRoles.Admin);
        var browser = NewBrowser(replica);
        await browser.SignInAsync(username, password);
        return browser;
    }

    /// <summary>
    /// One admin session for tests that only read with it: a few requests each, far below any limit.
    /// Never for a test that spends a budget (use <see cref="SignInAsNewAdminAsync"/>).
    /// </summary>
    public async Task<Browser> SharedAdminAsync()
    {
        await _sharedLock.WaitAsync();
        try
        {
            using var check = _sharedAdmin is null ? null : await _sharedAdmin.GetAsync("/api/auth/me");
            if (_sharedAdmin is not null && check is { IsSuccessStatusCode: true })
            {
                return _sharedAdmin;
            }

            _sharedAdmin?.Dispose();
            var (username, password) = _sharedAdminAccount ??= await NewAccountAsync(InternalRoles.Admin);
            _sharedAdmin = NewBrowser();
            await _sharedAdmin.SignInAsync(username, password);
            return _sharedAdmin;
        }
        finally
        {
            _sharedLock.Release();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
