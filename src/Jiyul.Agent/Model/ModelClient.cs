using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Jiyul.Agent.Hosting;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Jiyul.Agent.Model;

/// <summary>
/// The cell's one way out: the hub's model socket. It serves an OpenAI-compatible chat endpoint, which the agent
/// calls through the OpenAI SDK as a Microsoft.Extensions.AI chat client, and the knowledge search the agent's tool
/// uses. Every request carries the cell token, so the hub knows whose usage it is.
/// </summary>
internal sealed class ModelClient : IDisposable
{
    /// <summary>
    /// The authority of every request. Nothing resolves it: the connection always goes to the socket, and the hub
    /// reads the user from the token, not from the host.
    /// </summary>
    public static readonly Uri BaseAddress = new("http://model/");

    private readonly AgentOptions _options;

    // No overall timeout: a long answer streams for minutes. The caller's token ends a call whose client left.
    private readonly HttpClient _http;

    public ModelClient(AgentOptions options)
    {
        _options = options;
        _http = new HttpClient(CreateHandler(options.ModelSocket))
        {
            BaseAddress = BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };

        var openAi = new OpenAIClient(new ApiKeyCredential(options.CellToken), new OpenAIClientOptions
        {
            Endpoint = new Uri(BaseAddress, "v1"),
            Transport = new HttpClientPipelineTransport(_http),

            // The hub answers for the provider and decides about retrying; a retry here would repeat a whole turn
            // (and its cost) behind the user's back, and hold a 429 for a budget already spent.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),

            // Applies to each read: a model may think for a while between two tokens.
            NetworkTimeout = TimeSpan.FromMinutes(10),
        });
        Chat = openAi.GetChatClient(options.Model).AsIChatClient();
    }

    /// <summary>The model as a chat client, without tools; <c>AgentChat</c> adds them.</summary>
    public IChatClient Chat { get; }

    /// <summary>
    /// Asks the hub for the passages of the knowledge pack that best match <paramref name="query"/>; null when the hub
    /// cannot answer (the caller says so to the model).
    /// </summary>
    public async Task<JsonDocument?> SearchKnowledgeAsync(string query, int k, CancellationToken cancellationToken)
    {
        var path = "v1/knowledge/search?q=" + Uri.EscapeDataString(query) + "&k=" + k.ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.CellToken);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Makes the handler whose every connection is a fresh connection to the model socket.</summary>
    public static SocketsHttpHandler CreateHandler(string socketPath) => new()
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                throw;
            }
        },

        // The hub can restart and make a new socket; a pooled connection to the old one is useless after that,
        // and an idle cell should hold as little as it can.
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    };
}
