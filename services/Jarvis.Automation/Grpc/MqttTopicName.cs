using System.Buffers;
using System.Text;

namespace Jarvis.Automation.Grpc;

/// <summary>
/// What makes a string a topic name this service publishes on (MQTT 5, §4.7 and §1.5.4). Control
/// characters and noncharacters are only "should not" in MQTT, but Mosquitto drops the connection of
/// a client that sends one: queued, such a message would cut the connection at every attempt.
/// </summary>
internal static class MqttTopicName
{
    public const int MaxBytes = ushort.MaxValue;

    /// <summary>Why <paramref name="topic"/> is not a topic name we publish on, or null when it is one.</summary>
    public static string? Refusal(string topic)
    {
        if (topic.Length == 0)
        {
            return "must not be empty";
        }

        if (topic.IndexOfAny(['+', '#']) >= 0)
        {
            return "must not contain the wildcards '+' or '#': a message is published on one topic";
        }

        if (topic[0] == '$')
        {
            return "must not start with '$': those topics belong to the broker";
        }

        var rest = topic.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done)
            {
                return "must be valid Unicode (a lone surrogate cannot be UTF-8)";
            }

            rest = rest[used..];
            if (rune.Value == 0)
            {
                return "must not contain the NUL character";
            }

            if (rune.Value is <= 0x1F or (>= 0x7F and <= 0x9F))
            {
                return $"must not contain the control character U+{rune.Value:X4}";
            }

            if (rune.Value is >= 0xFDD0 and <= 0xFDEF || (rune.Value & 0xFFFE) == 0xFFFE)
            {
                return $"must not contain the Unicode noncharacter U+{rune.Value:X4}";
            }
        }

        return Encoding.UTF8.GetByteCount(topic) > MaxBytes ? $"must be at most {MaxBytes} bytes of UTF-8" : null;
    }
}
