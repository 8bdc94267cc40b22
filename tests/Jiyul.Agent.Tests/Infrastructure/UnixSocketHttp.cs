using Jiyul.Agent.Model;

namespace Jiyul.Agent.Tests.Infrastructure;

/// <summary>HTTP clients that talk to a unix socket, as the hub does.</summary>
internal static class UnixSocketHttp
{
    public static HttpClient CreateClient(string socketPath, string? bearerToken = null)
    {
        var handler = ModelClient.CreateHandler(socketPath);

        // A test that walks away from a stream wants the connection closed now, not drained first.
        handler.MaxResponseDrainSize = 0;
        var client = new HttpClient(handler) { BaseAddress = new Uri("http://cell/"), Timeout = TestTimeouts.Default };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", bearerToken);
        }

        return client;
    }
}
