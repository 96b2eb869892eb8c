using System.Diagnostics;
using System.Text;
using Jarvis.AppHost.Hosting;

namespace Jarvis.AppHost.Tests;

/// <summary>
/// The AppHost as a person runs it: <c>dotnet Jarvis.AppHost.dll</c> in its own process, its output
/// read line by line, and every process the orchestrator started for it found through <c>/proc</c>.
/// </summary>
public sealed class AppHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource<string> Seen)> _waits = [];

    private AppHostProcess(Process process) => _process = process;

    public int Id => _process.Id;

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

    public static AppHostProcess Start(string state, params string[] args)
    {
        var appHost = typeof(JarvisHost).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The AppHost's own verdict (which resource is not healthy) comes before a test's 180 s deadline.
        foreach (var arg in new[] { appHost, "--Gateway:Port=0", "--Dashboard:Port=0", "--Jarvis:StartTimeoutSeconds=150" }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["JARVIS_STATE_DIR"] = state;
        var host = new AppHostProcess(Process.Start(info)!);
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    /// <summary>The first line holding <paramref name="text"/>, once printed.</summary>
    public Task<string> LineAsync(string text)
    {
        lock (_output)
        {
            var existing = _output.ToString().Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waits.Add((text, seen));
            return seen.Task;
        }
    }

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var healthy = LineAsync("resources healthy");
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(healthy, exited, Task.Delay(timeout)) != healthy)
        {
            Kill();
            throw new TimeoutException($"The AppHost did not report healthy within {timeout.TotalSeconds:0} s:\n{Output}");
        }
    }

    /// <summary>Every process the orchestrator runs for this AppHost: DCP (which watches our pid) and all below it.</summary>
    public IReadOnlyList<int> Descendants()
    {
        var orchestrators = Processes().Where(p => CommandLine(p).Contains($"--monitor {Id}", StringComparison.Ordinal)).ToList();
        var found = new List<int>();
        var queue = new Queue<int>(orchestrators.Append(Id));
        while (queue.TryDequeue(out var pid))
        {
            foreach (var child in Jarvis.Testing.ProcessTree.Children(pid))
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        }

        return [.. found.Concat(orchestrators).Distinct()];
    }

    public static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    public void Signal(int signal) => Assert.Equal(0, NativeSignal.Send(Id, signal));

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public int ExitCode => _process.ExitCode;

    public bool HasExited => _process.HasExited;

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
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
            foreach (var wait in _waits.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                wait.Seen.TrySetResult(line);
                _waits.Remove(wait);
            }
        }
    }

    private static IEnumerable<int> Processes() =>
        Directory.GetDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0).Where(pid => pid > 0);

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }
}
