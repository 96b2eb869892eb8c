using System.Runtime.InteropServices;

namespace Jarvis.Benchmarks;

/// <summary>kill(2), for signals .NET's Process class cannot send (SIGTERM), and SIGKILL without a Process object.</summary>
internal static partial class NativeSignal
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public static int Send(int pid, int signal) => Kill(pid, signal);
}
