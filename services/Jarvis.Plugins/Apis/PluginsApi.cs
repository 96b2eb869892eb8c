namespace Jarvis.Plugins.Apis;

/// <summary>
/// The plugins API: the gRPC service, and the same calls as REST under <c>/api/plugins</c> through JSON
/// transcoding (routes in <c>proto/plugins.proto</c>), whose errors are rewritten as problem details.
/// </summary>
internal static class PluginsApi
{
    public static WebApplication MapPluginsApi(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api/plugins"), branch => branch.UseMiddleware<PluginsProblemDetailsMiddleware>());
        app.MapGrpcService<Grpc.PluginsService>();
        return app;
    }
}
