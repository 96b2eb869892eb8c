using System.Diagnostics;
using System.Globalization;
using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Infrastructure;
using Jarvis.Testing;

namespace Jarvis.AppHost.Tests.Mqtt;

/// <summary>
/// A Mosquitto the test starts itself, as a person's own broker: loopback, one account with a password, no
/// anonymous access. It is no part of any model.
/// </summary>
public sealed class TestBroker : IAsyncDisposable
{
    public const string User = "house";
    private readonly string _directory;
    private Process? _process;

    private TestBroker(string directory, int port, string password)
    {
        _directory = directory;
        Port = port;
        Password = password;
    }

    public int Port { get; }

    /// <summary>With characters that must be percent-encoded in a connection string.</summary>
    public string Password { get; }

    public static async Task<TestBroker> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "jarvis-test-broker-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var broker = new TestBroker(directory, new PortAllocator().Next(), $"p@ss/w rd%{Guid.NewGuid():N}");
        var account = ServiceAccount.For("mosquitto");
        var passwordFile = Path.Combine(directory, "passwd");
        await MosquittoPasswordFile.WriteAsync(BinaryLocator.Find("mosquitto_passwd", "mosquitto"), passwordFile, User, broker.Password, account, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(directory, "mosquitto.conf"), $"""
            listener {broker.Port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1
            allow_anonymous false
            password_file {passwordFile}
            persistence false
            log_dest stdout
            {(account is null ? "" : "user mosquitto")}
            """);
        await broker.RunAsync();
        return broker;
    }

    /// <summary>Starts (again) and waits until the account can log in.</summary>
    public async Task RunAsync()
    {
        var start = new ProcessStartInfo(BinaryLocator.Find("mosquitto", "mosquitto"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Path.Combine(_directory, "mosquitto.conf"));
        _process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await MqttModel.WaitUntilAsync(async () =>
        {
            try
            {
                using var client = await MqttModel.ConnectAsync("127.0.0.1", Port, User, Password);
                return true;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or UnauthorizedAccessException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "the test broker did not accept its account");
    }

    /// <summary>Kills the broker, as a crash or a network loss would look to Jarvis.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        TestDirectories.Delete(_directory);
    }
}
