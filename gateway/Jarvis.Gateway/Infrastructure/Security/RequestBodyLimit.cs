using Microsoft.AspNetCore.Http.Metadata;

namespace Jarvis.Gateway.Infrastructure.Security;

/// <summary>Endpoint metadata: the largest body this endpoint accepts.</summary>
public sealed class RequestBodyLimit(long bytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = bytes;
}
