using Jiyul.Hub.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Jiyul.Hub.Web;

/// <summary>
/// Serves the web app's static export at <c>/</c>. Endpoints always win: the static file middleware leaves alone a
/// request that routing matched to an endpoint, and paths of the API, the proxy and health are never rewritten, so
/// a file in the export can never shadow them.
/// </summary>
internal static class WebAppSetup
{
    /// <summary>Next.js puts every hashed build file here; its name changes whenever its content does.</summary>
    public const string HashedAssetsPrefix = "/_next/static/";

    public const string ImmutableCaching = "public, max-age=31536000, immutable";

    public const string Revalidate = "no-cache";

    public static void UseJiyulWebApp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var hub = app.Services.GetRequiredService<IOptions<HubOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Jiyul.Hub.Web");
        var directory = Path.GetFullPath(hub.WebDirectory, app.Environment.ContentRootPath);
        if (!Directory.Exists(directory))
        {
            Log.NoWebApp(logger, directory);
            return;
        }

        Log.ServingWebApp(logger, directory);
        var files = new PhysicalFileProvider(directory);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".webmanifest"] = "application/manifest+json";
        types.Mappings[".txt"] = "text/plain; charset=utf-8";

        app.UseMiddleware<WebAppRoutes>(files);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = types,
            OnPrepareResponse = context => SetHeaders(context.Context),
        });
    }

    private static void SetHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        var hashed = context.Request.Path.StartsWithSegments(HashedAssetsPrefix.TrimEnd('/'), StringComparison.Ordinal);
        headers.CacheControl = hashed ? ImmutableCaching : Revalidate;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
        {
            headers["X-Frame-Options"] = "DENY";
        }
    }
}
