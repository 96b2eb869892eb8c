using Jarvis.ServiceDefaults;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Yarp.ReverseProxy.Model;

namespace Jarvis.Gateway.Infrastructure.Security;

/// <summary>
/// The body limit of the matched route: an endpoint's <see cref="IRequestSizeLimitMetadata"/>, or a proxied route's
/// <c>MaxRequestBodySize</c> metadata. A declared length over it is refused before any byte is read;
/// a chunked body is cut off by Kestrel at the same limit.
/// </summary>
public sealed class BodySizeLimit(RequestDelegate next)
{
    public const string RouteMetadataKey = "MaxRequestBodySize";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.GetEndpoint();
        var limit = endpoint?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        if (limit is null
            && endpoint?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata is { } metadata
            && metadata.TryGetValue(RouteMetadataKey, out var text)
            && long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            limit = parsed;
        }

        if (limit is long max)
        {
            if (context.Request.ContentLength > max)
            {
                return ProblemResponse.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                    "Request body too large", $"This route accepts at most {max} bytes.");
            }

            var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (feature is { IsReadOnly: false } && (feature.MaxRequestBodySize is null || feature.MaxRequestBodySize > max))
            {
                feature.MaxRequestBodySize = max;
            }
        }

        return next(context);
    }
}
