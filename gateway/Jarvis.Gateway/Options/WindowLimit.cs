namespace Jarvis.Gateway.Options;

/// <summary>At most <see cref="PermitLimit"/> requests per <see cref="Window"/>.</summary>
public sealed record WindowLimit
{
    public int PermitLimit { get; init; }

    public TimeSpan Window { get; init; }
}
