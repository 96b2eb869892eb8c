using System.Diagnostics;
using Jarvis.AppHost.Hosting;

namespace Jarvis.AppHost.Infrastructure;

/// <summary>
/// Mosquitto's password file for the network listener, written on every start from the password kept in
/// <c>.jarvis/secrets</c>: the line <c>user:password</c> goes into a new 0600 file, <c>mosquitto_passwd -U</c>
/// hashes it in place (the password never appears on a command line), and the file is moved into place,
/// owned by the account Mosquitto reads it as.
/// </summary>
public static class MosquittoPasswordFile
{
    public static async Task WriteAsync(string mosquittoPasswd, string path, string user, string password, SystemUser? account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        if (user.Contains(':', StringComparison.Ordinal) || password.Contains(':', StringComparison.Ordinal) || password.Contains('\n', StringComparison.Ordinal))
        {
            // mosquitto_passwd -U cuts a line at its colons.
            throw new ArgumentException("A Mosquitto user or password may not hold ':' or a line break.", nameof(password));
        }

        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            SecretFile.Write(temp, $"{user}:{password}\n");
            var start = new ProcessStartInfo(mosquittoPasswd)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-U");
            start.ArgumentList.Add(temp);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{mosquittoPasswd} did not start.");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"mosquitto_passwd -U failed (exit code {process.ExitCode}): {(await error).Trim()} {(await output).Trim()}");
            }

            File.SetUnixFileMode(temp, SecretFile.Mode);
            ServiceAccount.Own(temp, account);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
