using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Hosting;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Jiyul.Hub.Tests.Models;

/// <summary>Reaches a test hub's model socket the way a cell does: over the unix socket, with a cell token.</summary>
internal static class ModelSocket
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static string PathOf(TestHub hub) => hub.Services.GetRequiredService<HubPaths>().ModelSocket;

    public static string TokenFor(TestHub hub, string uid) => hub.Services.GetRequiredService<CellTokens>().Issue(UidHash.Of(uid));

    public static HttpClient Connect(TestHub hub, string? token) => Connect(PathOf(hub), token);

    public static HttpClient Connect(string socketPath, string? token)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                var connected = false;
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    connected = true;
                    return new NetworkStream(socket, ownsSocket: true);
                }
                finally
                {
                    if (!connected)
                    {
                        socket.Dispose();
                    }
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri("http://model.sock/"), Timeout = Timeout };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>A chat request whose last user message is <paramref name="question"/>.</summary>
    public static JsonObject Chat(string question, bool stream = false, bool includeUsage = false)
    {
        var body = new JsonObject
        {
            ["model"] = "jiyul-default",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = "You are a careful assistant." },
                new JsonObject { ["role"] = "user", ["content"] = question }),
        };
        if (stream)
        {
            body["stream"] = true;
        }

        if (includeUsage)
        {
            body["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        return body;
    }

    public static async Task<HttpResponseMessage> PostChatAsync(HttpClient client, JsonNode body) =>
        await client.SendAsync(
                new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = Json(body) },
                HttpCompletionOption.ResponseHeadersRead)
            .WaitAsync(Timeout);

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync().WaitAsync(Timeout))!.AsObject();

    /// <summary>JSON on one line, as a server-sent event's data must be; lets a test write it readably.</summary>
    public static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString();

    /// <summary>The text of the first choice's message in a chat completion.</summary>
    public static string ContentOf(JsonObject completion) => completion["choices"]![0]!["message"]!["content"]!.GetValue<string>();
}
