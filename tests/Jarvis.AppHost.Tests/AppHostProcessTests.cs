using Jarvis.AppHost.Hosting;
using System.Diagnostics;
using System.Globalization;
using Jarvis.Testing;

namespace Jarvis.AppHost.Tests;

/// <summary>The AppHost as a person runs it: its own process, stopped by SIGTERM.</summary>
public sealed class AppHostProcessTests
{
    [Fact]
    public async Task SIGTERM_stops_everything_within_10_seconds_leaving_no_child_and_the_admin_password_is_printed_once()
    {
        var state = Path.Combine(Path.GetTempPath(), "jarvis-test-process-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var first = await RunUntilHealthyThenTerminateAsync(state);
            Assert.Contains("First admin: user 'admin'", first, StringComparison.Ordinal);
            var password = File.ReadAllText(Path.Combine(state, "secrets", "Jarvis__Admin__InitialPassword"));
            Assert.Contains(password, first, StringComparison.Ordinal);

            var second = await RunUntilHealthyThenTerminateAsync(state);
            Assert.DoesNotContain("First admin", second, StringComparison.Ordinal);
            Assert.DoesNotContain(password, second, StringComparison.Ordinal);
        }
        finally
        {
            TestDirectories.Delete(state);
        }
    }

    private static async Task<string> RunUntilHealthyThenTerminateAsync(string state)
    {
        var root = RepositoryLayout.Metadata("Jarvis.RepositoryRoot");
        var appHost = Path.Combine(root, "Jarvis.AppHost", "bin", RepositoryLayout.Metadata("Jarvis.Configuration"),
            RepositoryLayout.Metadata("Jarvis.TargetFramework"), "Jarvis.AppHost.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { appHost, "--Gateway:Port=0", "--Dashboard:Port=0" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["JARVIS_STATE_DIR"] = state;
        using var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        var healthy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("resources healthy", StringComparison.Ordinal) == true)
            {
                healthy.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await healthy.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The AppHost did not report healthy: " + output);
        }

        var children = ChildrenOf(process.Id);
        Assert.True(children.Count >= 9, $"expected a process per resource, found {children.Count}");

        Assert.Equal(0, Signal(process.Id, 15));
        var watch = Stopwatch.StartNew();
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            await process.WaitForExitAsync(deadline.Token);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {watch.Elapsed}");
        Assert.Equal(0, process.ExitCode);
        var survivors = Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && children.Contains(ProcessGroup(pid)))
            .ToList();
        Assert.Empty(survivors);
        lock (output)
        {
            return output.ToString();
        }
    }

    private static HashSet<int> ChildrenOf(int parent) =>
        Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == parent)
            .ToHashSet();

    private static int ParentOf(int pid) => StatField(pid, 1);

    private static int ProcessGroup(int pid) => StatField(pid, 2);

    /// <summary>Fields after the command name in /proc/pid/stat: 0 state, 1 ppid, 2 pgrp.</summary>
    private static int StatField(int pid, int index)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[index], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Signal(int pid, int signal);
}
