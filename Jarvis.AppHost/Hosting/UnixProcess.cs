using System.Runtime.InteropServices;

namespace Jarvis.AppHost.Hosting;

/// <summary>The few POSIX calls .NET's Process class lacks: signals and ownership.</summary>
internal static partial class UnixProcess
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, int owner, int group);

    public static bool IsRoot => GetEffectiveUserId() == 0;

    /// <summary>Signals the process group the child leads (every child runs under setsid).</summary>
    public static bool SignalGroup(int pid, int signal) => Kill(-pid, signal) == 0 || Kill(pid, signal) == 0;

    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    public static bool IsAlive(int pid) => pid > 0 && Kill(pid, 0) == 0;

    public static void ChangeOwner(string path, SystemUser user)
    {
        if (Chown(path, user.Uid, user.Gid) != 0)
        {
            throw new IOException($"chown {user.Name} {path} failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }
}
