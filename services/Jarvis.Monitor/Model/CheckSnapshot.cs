namespace Jarvis.Monitor.Model;

/// <summary>Where a check stands on this replica now.</summary>
public sealed record CheckSnapshot(
    string Id,
    string Name,
    CheckKind Kind,
    string? Target,
    CheckStatus Status,
    DateTimeOffset Since,
    DateTimeOffset? LastCheckedAt,
    double? LatencyMs,
    string? Message,
    bool Flapping,
    double? CertificateDays,
    bool? CertificateValid);
