using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Jiyul.Hub.Tests.Models;

/// <summary>
/// A stand-in for a model provider: real Kestrel on 127.0.0.1, a free port. It records every request it gets and
/// answers with what the test tells it, so the provider code runs against real HTTP without any network.
/// </summary>
internal sealed class FakeProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedRequest> _received = Channel.CreateUnbounded<ReceivedRequest>();

    private FakeProvider(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FakeProvider> StartAsync(Func<HttpContext, ReceivedRequest, Task> respond)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeProvider(app);
        app.Run(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            var request = new ReceivedRequest(
                context.Request.Path,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                JsonNode.Parse(body)!.AsObject());
            fake._received.Writer.TryWrite(request);
            await respond(context, request);
        });

        await app.StartAsync().WaitAsync(ModelSocket.Timeout);
        fake.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    public Task<ReceivedRequest> NextRequestAsync() => _received.Reader.ReadAsync().AsTask().WaitAsync(ModelSocket.Timeout);

    /// <summary>Writes one server-sent event and flushes it, so it leaves at once.</summary>
    public static async Task WriteEventAsync(HttpResponse response, string data, string? eventType = null)
    {
        var text = (eventType is null ? "" : $"event: {eventType}\n") + $"data: {data}\n\n";
        await response.WriteAsync(text);
        await response.Body.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(ModelSocket.Timeout);
        await _app.DisposeAsync();
    }

    internal sealed record ReceivedRequest(string Path, Dictionary<string, string> Headers, JsonObject Body);
}
