namespace Jarvis.AppHost.Hosting;

public sealed record LogLine(long Sequence, DateTimeOffset Time, int Replica, string Text, bool IsError);
