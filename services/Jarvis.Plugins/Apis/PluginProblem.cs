namespace Jarvis.Plugins.Apis;

/// <summary>The problem a gRPC handler raised, kept for the REST response (JSON transcoding only knows gRPC statuses).</summary>
internal sealed record PluginProblem(int Status, string Title, string Detail, string? Code);
