using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Testing;
using Jarvis.ServiceDefaults.Authentication;
using Xunit;

namespace Jarvis.Testing;

/// <summary>
/// The whole Jarvis model (every resource and service, as <c>dotnet run --project Jarvis.AppHost</c>
/// starts it) in a throwaway directory with free ports. Share it through a collection: it is heavy.
/// </summary>
public sealed class JarvisAppFixture : IAsyncLifetime
{
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Mints internal tokens with the key the running services hold.</summary>
    public InternalTokenMinter Minter => new(App.Secrets.GetOrCreate("Jarvis__InternalAuth__SigningKey", 64, base64: true));

    public string AdminPassword => App.Secrets.GetOrCreate("Jarvis__Admin__InitialPassword", 18);

    public async Task InitializeAsync()
    {
        _app = DistributedApplicationTestingBuilder.CreateJarvis().Build();
        await _app.StartAsync();
    }

    public HttpClient CreateHttpClient(string resource, InternalPrincipal? caller = null, int replica = 0)
    {
        var client = App.CreateHttpClient(resource, replica);
        if (caller is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", Minter.Mint(caller));
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            TestDirectories.Delete(_app.Options.Layout.StateDirectory);
        }
    }
}
