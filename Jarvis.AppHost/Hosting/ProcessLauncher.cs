using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Jarvis.AppHost.Hosting;

/// <summary>
/// Starts a child in a session of its own (<c>setsid</c>), so Ctrl+C in the terminal reaches only
/// the AppHost, which then stops children in order; optionally as another account (<c>setpriv</c>).
/// </summary>
public static class ProcessLauncher
{
    public static Process Start(ProcessSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var info = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = spec.WorkingDirectory ?? Environment.CurrentDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (spec.RunAs is { } user)
        {
            foreach (var a in new[]
            {
                "setpriv", $"--reuid={user.Uid.ToString(CultureInfo.InvariantCulture)}",
                $"--regid={user.Gid.ToString(CultureInfo.InvariantCulture)}", "--init-groups", "--",
            })
            {
                info.ArgumentList.Add(a);
            }

            info.Environment["HOME"] = "/tmp";
            info.Environment["USER"] = user.Name;
        }

        info.ArgumentList.Add(spec.FileName);
        foreach (var a in spec.Arguments)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {spec.FileName}.");
        process.StandardInput.Close();
        return process;
    }

    public static async Task<(int ExitCode, string Output)> RunToEndAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        using var process = Start(spec);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
