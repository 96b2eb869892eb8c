using Jarvis.Gateway.Infrastructure.Sessions;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Jarvis.Gateway.Infrastructure.Proxy;

/// <summary>
/// What a service may believe about a request: nothing the client said about identity or its address reaches it
/// (Cookie, Authorization, X-Jarvis-*, X-Forwarded-*, Forwarded); the gateway adds the internal JWT for the
/// session's user and the address it saw itself. Services may not set cookies on the public origin either.
/// </summary>
public sealed class IdentityForwarding(InternalTokenCache tokens) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.UseDefaultForwarders = false;
        context.AddRequestTransform(ForwardAsync);
        context.AddResponseTransform(static response =>
        {
            response.HttpContext.Response.Headers.Remove(HeaderNames.SetCookie);
            return ValueTask.CompletedTask;
        });
    }

    public static bool IsClientIdentityHeader(string name) =>
        name.Equals(HeaderNames.Cookie, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase)
        || name.Equals("Forwarded", StringComparison.OrdinalIgnoreCase)
        || name.Equals("X-Real-IP", StringComparison.OrdinalIgnoreCase)
        || name.Equals(Security.CsrfGuard.HeaderName, StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("X-Jarvis-", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase);

    private ValueTask ForwardAsync(RequestTransformContext context)
    {
        var http = context.HttpContext;
        foreach (var name in http.Request.Headers.Keys)
        {
            if (IsClientIdentityHeader(name))
            {
                RequestTransform.RemoveHeader(context, name);
            }
        }

        var headers = context.ProxyRequest.Headers;
        if (http.Connection.RemoteIpAddress is { } address)
        {
            headers.TryAddWithoutValidation("X-Forwarded-For", address.ToString());
        }

        headers.TryAddWithoutValidation("X-Forwarded-Proto", http.Request.Scheme);
        headers.TryAddWithoutValidation("X-Forwarded-Host", http.Request.Host.Value);

        if (http.GetSession() is { } session)
        {
            headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.For(session));
        }

        return ValueTask.CompletedTask;
    }
}
