// The AppHost runs the machine's own binaries as POSIX processes: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
