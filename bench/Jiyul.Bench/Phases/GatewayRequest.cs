using System.Net.Http.Headers;

namespace Jiyul.Bench.Phases;

/// <summary>A request to a cell's gateway, sendable through the hub's proxy or straight to the cell's socket.</summary>
/// <param name="Name">How the report names it.</param>
/// <param name="Method">GET or POST.</param>
/// <param name="Path">The path under <c>/v1/</c>.</param>
/// <param name="Body">A JSON body, or null.</param>
internal sealed record GatewayRequest(string Name, HttpMethod Method, string Path, byte[]? Body)
{
    public HttpRequestMessage Build(string uri, string bearerToken)
    {
        var request = new HttpRequestMessage(Method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return request;
    }
}
