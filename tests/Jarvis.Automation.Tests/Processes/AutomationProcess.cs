extern alias automation;

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Jarvis.Testing;

namespace Jarvis.Automation.Tests.Processes;

/// <summary>
/// The automation service as a process of its own (<c>dotnet Jarvis.Automation.dll</c>), configured as the AppHost
/// configures it: connection strings and the signing key in a secrets directory, nothing secret in its environment.
/// What a test can do to it that it cannot do to a host in its own process: <c>kill -9</c>.
/// </summary>
internal sealed class AutomationProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _secrets;
    private readonly StringBuilder _output = new();

    private AutomationProcess(Process process, string secrets, Uri address)
    {
        _process = process;
        _secrets = secrets;
        Address = address;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    /// <summary>What the process wrote so far (for a failure's message).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<AutomationProcess> StartAsync(string database, string mqtt, string redis, params string[] settings)
    {
        // The port is free when picked but can be handed to another process before the service binds it
        // (seen once in CI: "address already in use"); then the service is started again on another port.
        for (var attempt = 1; ; attempt++)
        {
            if (await StartOnceAsync(database, mqtt, redis, settings, lastAttempt: attempt == 3) is { } started)
            {
                return started;
            }
        }
    }

    private static async Task<AutomationProcess?> StartOnceAsync(string database, string mqtt, string redis, string[] settings, bool lastAttempt)
    {
        var secrets = Directory.CreateTempSubdirectory("automation-process-secrets-").FullName;
        await File.WriteAllTextAsync(Path.Combine(secrets, "ConnectionStrings__jarvisdb"), database);
        await File.WriteAllTextAsync(Path.Combine(secrets, "ConnectionStrings__mqtt"), mqtt);
        await File.WriteAllTextAsync(Path.Combine(secrets, "ConnectionStrings__redis"), redis);
        await File.WriteAllTextAsync(Path.Combine(secrets, "Jarvis__InternalAuth__SigningKey"), AutomationService.SigningKey);

        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(typeof(automation::Program).Assembly.Location);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString());
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        start.Environment["JARVIS_SECRETS_DIR"] = secrets;
        var process = new AutomationProcess(Process.Start(start)!, secrets, address);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var portTaken = false;
        await Mqtt.Eventually.Until(async () =>
        {
            if (process._process.HasExited && !lastAttempt && process.Output.Contains("address already in use", StringComparison.Ordinal))
            {
                portTaken = true;
                return true;
            }

            Assert.False(process._process.HasExited, $"the automation service exited: {process.Output}");
            try
            {
                return (await http.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, "the automation service process is healthy");
        if (portTaken)
        {
            await process.DisposeAsync();
            return null;
        }

        return process;
    }

    /// <summary><c>kill -9</c>: no shutdown, no last acknowledgement.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
        TestDirectories.Delete(_secrets);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
