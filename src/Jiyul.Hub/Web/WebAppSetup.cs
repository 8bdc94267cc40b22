using System.IO.Compression;
using Jiyul.Hub.Hosting;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Jiyul.Hub.Web;

/// <summary>
/// Serves the web app's static export at <c>/</c>. Endpoints always win: the static file middleware leaves alone a
/// request that routing matched to an endpoint, and paths of the API, the proxy and health are never rewritten, so
/// a file in the export can never shadow them. The app's files are compressed (Brotli, else gzip) for a browser that
/// accepts it; nothing an endpoint answers is (API answers are small, and a reply stream must not wait in a compressor).
/// </summary>
internal static class WebAppSetup
{
    /// <summary>Next.js puts every hashed build file here; its name changes whenever its content does.</summary>
    public const string HashedAssetsPrefix = "/_next/static/";

    public const string ImmutableCaching = "public, max-age=31536000, immutable";

    public const string Revalidate = "no-cache";

    /// <summary>Types of the export worth compressing; images and fonts are compressed already.</summary>
    private static readonly string[] s_compressible =
    [
        "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
        "application/manifest+json", "image/svg+xml", "text/plain",
    ];

    public static void AddJiyulWebApp(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddResponseCompression(options =>
        {
            // The files are the same for everyone and hold no secret, so compressing them over HTTPS (behind a tunnel
            // the request is HTTPS by its forwarded scheme) gives nothing away; endpoints are never compressed.
            options.EnableForHttps = true;
            options.MimeTypes = s_compressible;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
    }

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

        // Routing has run: a request no endpoint matched is one for the app's files.
        app.UseWhen(context => context.GetEndpoint() is null, branch => branch.UseResponseCompression());
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
