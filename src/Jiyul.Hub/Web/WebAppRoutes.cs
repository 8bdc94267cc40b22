using Microsoft.Extensions.FileProviders;

namespace Jiyul.Hub.Web;

/// <summary>
/// Maps a page address onto the static export's files: <c>/</c> to <c>index.html</c>, <c>/chat</c> to
/// <c>chat.html</c> (or <c>chat/index.html</c>), and any other unknown page to <c>404.html</c> with status 404.
/// Requests that routing matched to an endpoint, other methods than GET and HEAD, addresses of the hub's own
/// (API, proxy, ensure, health, metrics) and names with an extension (a missing script stays a plain 404) pass
/// through untouched.
/// </summary>
internal sealed class WebAppRoutes(RequestDelegate next, IFileProvider files)
{
    private static readonly string[] _hubPrefixes = ["/api", "/proxy", "/ensure", "/health", "/metrics", "/_next"];

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.GetEndpoint() is not null
            || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || IsHubPath(request.Path)
            || Path.HasExtension(request.Path.Value))
        {
            return next(context);
        }

        var path = request.Path.Value?.TrimEnd('/') ?? "";
        if (path.Length == 0)
        {
            request.Path = "/index.html";
        }
        else if (files.GetFileInfo(path + ".html").Exists)
        {
            request.Path = path + ".html";
        }
        else if (files.GetFileInfo(path + "/index.html").Exists)
        {
            request.Path = path + "/index.html";
        }
        else if (files.GetFileInfo("/404.html") is { Exists: true } notFound)
        {
            return NotFoundPageAsync(context, notFound);
        }

        return next(context);
    }

    // Written here rather than by the static file middleware, which would answer 200.
    private static Task NotFoundPageAsync(HttpContext context, IFileInfo page)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status404NotFound;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = page.Length;
        response.Headers.CacheControl = WebAppSetup.Revalidate;
        response.Headers.XContentTypeOptions = "nosniff";
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.SendFileAsync(page, context.RequestAborted);
    }

    private static bool IsHubPath(PathString path)
    {
        foreach (var prefix in _hubPrefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
