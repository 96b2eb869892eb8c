using Jarvis.AppHost.Hosting;
using Jarvis.Testing;

namespace Jarvis.AppHost.Tests.Hosting;

public sealed class SecretStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jarvis-secrets-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void A_secret_is_generated_once_then_read_back_and_reported_only_when_generated()
    {
        var generated = new List<string>();
        var store = new SecretStore(_directory);
        store.Generated += (name, _) => generated.Add(name);

        var first = store.GetOrCreate("db-password");
        var again = new SecretStore(_directory).GetOrCreate("db-password");
        store.GetOrCreate("db-password");

        Assert.Equal(first, again);
        Assert.True(first.Length >= 40);
        Assert.Equal(["db-password"], generated);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, "db-password")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_directory));
    }

    [Fact]
    public void A_service_directory_holds_exactly_the_entries_it_was_given()
    {
        var store = new SecretStore(_directory);
        store.WriteServiceDirectory("chat", new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });
        var dir = store.WriteServiceDirectory("chat", new Dictionary<string, string> { ["b"] = "3" });

        Assert.Equal(["b"], Directory.GetFiles(dir).Select(Path.GetFileName));
        Assert.Equal("3", File.ReadAllText(Path.Combine(dir, "b")));
    }

    [Fact]
    public async Task Replicas_writing_one_service_directory_at_once_all_succeed_and_leave_no_temporary_file()
    {
        // Replicas of one service start together; each writes the shared directory with a changed value.
        var store = new SecretStore(_directory);
        using var start = new Barrier(4);
        var writers = Enumerable.Range(0, 4).Select(w => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 2000; i++)
            {
                store.WriteServiceDirectory("chat", new Dictionary<string, string> { ["key"] = $"value-{(w + i) % 2}", ["other"] = "x" });
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));

        await Task.WhenAll(writers);

        var dir = Path.Combine(_directory, "services", "chat");
        Assert.Equal(["key", "other"], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
        Assert.Matches("^value-[01]$", File.ReadAllText(Path.Combine(dir, "key")));
    }

    public void Dispose() => TestDirectories.Delete(_directory);
}
