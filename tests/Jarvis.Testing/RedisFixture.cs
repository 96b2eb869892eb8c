using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Testing;
using Xunit;

namespace Jarvis.Testing;

/// <summary>A real Redis from the machine's binaries, with a password, in a throwaway directory.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>StackExchange.Redis form: <c>127.0.0.1:port,password=…</c>.</summary>
    public string ConnectionString => App.GetConnectionString("redis");

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("redis");
        _app = builder.Build();
        await _app.StartAsync();
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
