using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Services;
using Jarvis.ServiceDefaults.Authentication;
using Xunit;

namespace Jarvis.Testing;

/// <summary>
/// The whole Jarvis model (every resource and service, through the AppHost's own entry point) in a
/// throwaway directory with free ports, automation with two replicas as a cluster runs it. Share it
/// through a collection: it is heavy.
/// </summary>
public sealed class JarvisAppFixture : IAsyncLifetime
{
    private JarvisTestApp? _app;

    public JarvisTestApp App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Mints internal tokens with the key the running services hold.</summary>
    public InternalTokenMinter Minter => new(App.Secrets.GetOrCreate(ServiceBuilderExtensions.SigningKeySecret, 64, base64: true));

    public string AdminPassword => App.Secrets.GetOrCreate(JarvisContext.AdminPasswordSecret, 18);

    public async Task InitializeAsync() => _app = await JarvisTestApp.StartJarvisAsync("--Automation:Replicas=2");

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
        }
    }
}
