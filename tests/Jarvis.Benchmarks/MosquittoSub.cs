using System.Diagnostics;
using System.Globalization;

namespace Jarvis.Benchmarks;

/// <summary>
/// Debian's <c>mosquitto_sub</c> (package mosquitto-clients) subscribed with QoS 1 beside the service: how fast
/// the broker hands the same stream to a C client that only prints it. Counts the payloads that are
/// <see cref="PayloadLength"/> digits starting with a phase's digit, with the time of the first and the last.
/// </summary>
internal sealed class MosquittoSub : IAsyncDisposable
{
    public const string Binary = "/usr/bin/mosquitto_sub";
    public const int PayloadLength = 8;
    private readonly Process _process;
    private readonly Task _reader;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TaskCompletionSource> _awaited = new(StringComparer.Ordinal);
    private readonly long[] _counts = new long[10];
    private readonly long[] _first = new long[10];
    private readonly long[] _last = new long[10];

    private MosquittoSub(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadAsync);
    }

    public static MosquittoSub Start(string host, int port, string topicFilter)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: apt-get install mosquitto-clients");
        }

        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-h", host, "-p", port.ToString(CultureInfo.InvariantCulture), "-t", topicFilter, "-q", "1", "-V", "mqttv5", "-i", $"jarvis-bench-sub-{Environment.ProcessId}" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Binary} did not start.");
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrEmpty(e.Data))
            {
                Console.Error.WriteLine($"mosquitto_sub: {e.Data}");
            }
        };
        process.BeginErrorReadLine();
        return new MosquittoSub(process);
    }

    public int ProcessId => _process.Id;

    /// <summary>Completes when a payload equal to <paramref name="line"/> has been printed from now on.</summary>
    public Task Seen(string line)
    {
        lock (_gate)
        {
            if (!_awaited.TryGetValue(line, out var seen))
            {
                seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _awaited[line] = seen;
            }

            return seen.Task;
        }
    }

    /// <summary>How many payloads of phase <paramref name="digit"/> arrived, and the seconds from the first to the last.</summary>
    public (long Count, double Seconds) Phase(int digit)
    {
        lock (_gate)
        {
            return (_counts[digit], _counts[digit] < 2 ? 0 : Stopwatch.GetElapsedTime(_first[digit], _last[digit]).TotalSeconds);
        }
    }

    private async Task ReadAsync()
    {
        var stream = _process.StandardOutput.BaseStream;
        var buffer = new byte[1 << 16];
        var line = new byte[256];
        var length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            var now = Stopwatch.GetTimestamp();
            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (b != (byte)'\n')
                {
                    if (length < line.Length)
                    {
                        line[length] = b;
                    }

                    length++;
                    continue;
                }

                Count(line.AsSpan(0, Math.Min(length, line.Length)), now);
                length = 0;
            }
        }
    }

    private void Count(ReadOnlySpan<byte> payload, long now)
    {
        lock (_gate)
        {
            if (payload.Length == PayloadLength && payload[0] is >= (byte)'1' and <= (byte)'9')
            {
                var digit = payload[0] - '0';
                if (_counts[digit]++ == 0)
                {
                    _first[digit] = now;
                }

                _last[digit] = now;
                return;
            }

            if (_awaited.Count > 0 && _awaited.Remove(System.Text.Encoding.ASCII.GetString(payload), out var seen))
            {
                seen.TrySetResult();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        await _reader;
        _process.Dispose();
    }
}
