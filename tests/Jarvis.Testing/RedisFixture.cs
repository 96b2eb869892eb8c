using Jarvis.AppHost.Infrastructure;
using Xunit;

namespace Jarvis.Testing;

/// <summary>A real Redis from the machine's binaries, with a password, in a throwaway directory.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private JarvisTestApp? _app;

    public JarvisTestApp App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>StackExchange.Redis form: <c>127.0.0.1:port,password=…</c>.</summary>
    public string ConnectionString => App.GetConnectionString("redis");

    public async Task InitializeAsync() => _app = await JarvisTestApp.StartAsync(b => b.AddRedis("redis"));

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
