using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Jarvis.Monitor.Tests.Targets;

/// <summary>
/// A real HTTP server in a process of its own (Python's <c>http.server</c>, from the machine's binaries), to be
/// killed with SIGKILL, frozen with SIGSTOP and started again on the same port, as a crashing service would be.
/// </summary>
public sealed class HttpTargetProcess : IDisposable
{
    private readonly string _directory;
    private Process? _process;

    private HttpTargetProcess(int port)
    {
        Port = port;
        _directory = Directory.CreateTempSubdirectory("jarvis-monitor-target-").FullName;
        File.WriteAllText(Path.Combine(_directory, "health"), "ok");
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/health");

    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("Not running.");

    public static async Task<HttpTargetProcess> StartAsync()
    {
        var target = new HttpTargetProcess(FreePort());
        await target.StartAgainAsync();
        return target;
    }

    /// <summary>Starts the server (again) on the same port and waits until it answers.</summary>
    public async Task StartAgainAsync()
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python)
        {
            ArgumentList = { "-m", "http.server", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--directory", _directory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(Url);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
            }

            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The target on port {Port} did not answer within 30 s.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>kill -9.</summary>
    public void Kill()
    {
        _process?.Kill();
        _process?.WaitForExit();
    }

    /// <summary>kill -STOP: the port still accepts connections (the kernel's backlog) but nothing answers.</summary>
    public void Freeze() => Signal("STOP");

    public void Thaw() => Signal("CONT");

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            Thaw();
            Kill();
        }

        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", ProcessId.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
