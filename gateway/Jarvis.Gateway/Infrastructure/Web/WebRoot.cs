using Jarvis.Gateway.Options;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Jarvis.Gateway.Infrastructure.Web;

/// <summary>
/// Where the single-page app's built files are: <c>Gateway:WebRoot</c>, else the repository's
/// <c>gateway/web/dist</c>, else the placeholder page shipped with the gateway.
/// </summary>
public sealed class WebRoot
{
    public WebRoot(GatewayOptions options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        Path = Resolve(options.WebRoot, environment.ContentRootPath);
        Files = new PhysicalFileProvider(Path);
    }

    public string Path { get; }

    public PhysicalFileProvider Files { get; }

    public StaticFileOptions StaticFileOptions() => new()
    {
        FileProvider = Files,
        ContentTypeProvider = new FileExtensionContentTypeProvider(),
        ServeUnknownFileTypes = false,
        OnPrepareResponse = context =>
        {
            var headers = context.Context.Response.Headers;
            // Vite names built assets by content hash: they never change under one name.
            headers[HeaderNames.CacheControl] = context.Context.Request.Path.StartsWithSegments("/assets")
                ? "public, max-age=31536000, immutable"
                : "no-cache";
        },
    };

    private static string Resolve(string configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var path = System.IO.Path.GetFullPath(configured, contentRoot);
            return Directory.Exists(path)
                ? path
                : throw new DirectoryNotFoundException($"Gateway:WebRoot names '{path}', which does not exist.");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var dist = System.IO.Path.Combine(dir.FullName, "gateway", "web", "dist");
            if (File.Exists(System.IO.Path.Combine(dist, "index.html")))
            {
                return dist;
            }
        }

        return System.IO.Path.Combine(AppContext.BaseDirectory, "placeholder");
    }
}
