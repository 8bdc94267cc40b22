using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Jiyul.Agent.Tests.Infrastructure;

/// <summary>
/// Stands in for the hub's model egress: a real Kestrel on a unix socket that records each request and answers as
/// the test says.
/// </summary>
internal sealed class FakeModel : IAsyncDisposable
{
    public const string DefaultAnswer =
        """{"id":"chatcmpl-1","object":"chat.completion","model":"fake","choices":[{"index":0,"message":{"role":"assistant","content":"안녕하세요"},"finish_reason":"stop"}]}""";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private bool _disposed;

    private FakeModel(WebApplication app, string socketPath)
    {
        _app = app;
        SocketPath = socketPath;
    }

    public string SocketPath { get; }

    public IReadOnlyCollection<ReceivedRequest> Requests => _requests;

    /// <summary>How the model answers; by default, one non-streamed completion.</summary>
    public Func<HttpContext, Task> Respond { get; set; } = context =>
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(DefaultAnswer, context.RequestAborted);
    };

    public static async Task<FakeModel> StartAsync(string socketPath)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socketPath));
        var app = builder.Build();
        var model = new FakeModel(app, socketPath);
        app.Run(model.HandleAsync);
        await app.StartAsync().WaitAsync(TestTimeouts.Default);
        return model;
    }

    /// <summary>Writes one server-sent event and sends it at once.</summary>
    public static async Task WriteEventAsync(HttpContext context, string data)
    {
        await context.Response.WriteAsync($"data: {data}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>The model's first answer calls <paramref name="tool"/>; every later one answers <paramref name="text"/>.</summary>
    public static Func<HttpContext, Task> ToolThenText(string tool, string arguments, string text)
    {
        var round = 0;
        return context =>
        {
            var body = Interlocked.Increment(ref round) == 1
                ? new JsonObject
                {
                    ["id"] = "c1", ["object"] = "chat.completion", ["created"] = 1, ["model"] = "m",
                    ["choices"] = new JsonArray(new JsonObject
                    {
                        ["index"] = 0,
                        ["finish_reason"] = "tool_calls",
                        ["message"] = new JsonObject
                        {
                            ["role"] = "assistant",
                            ["content"] = null,
                            ["tool_calls"] = new JsonArray(new JsonObject
                            {
                                ["id"] = "call_1", ["type"] = "function",
                                ["function"] = new JsonObject { ["name"] = tool, ["arguments"] = arguments },
                            }),
                        },
                    }),
                }
                : new JsonObject
                {
                    ["id"] = "c2", ["object"] = "chat.completion", ["created"] = 1, ["model"] = "m",
                    ["choices"] = new JsonArray(new JsonObject
                    {
                        ["index"] = 0,
                        ["finish_reason"] = "stop",
                        ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
                    }),
                };
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _app.StopAsync().WaitAsync(TestTimeouts.Default);
        await _app.DisposeAsync();
    }

    /// <summary>How the hub's knowledge search answers; by default, no passage.</summary>
    public Func<HttpContext, Task> RespondToSearch { get; set; } = context =>
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("""{"results":[]}""", context.RequestAborted);
    };

    /// <summary>The chat completion requests, in order (searches are in <see cref="Searches"/>).</summary>
    public IReadOnlyList<ReceivedRequest> Chats => [.. _requests.Where(r => r.Method == "POST")];

    /// <summary>The knowledge searches, as their query strings.</summary>
    public IReadOnlyList<ReceivedRequest> Searches => [.. _requests.Where(r => r.Method == "GET")];

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method))
        {
            _requests.Enqueue(new ReceivedRequest(
                request.Method, request.Path + request.QueryString, request.Headers.Authorization, []));
            await RespondToSearch(context);
            return;
        }

        var body = await JsonNode.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
        _requests.Enqueue(new ReceivedRequest(request.Method, request.Path, request.Headers.Authorization, body!.AsObject()));
        await Respond(context);
    }
}
