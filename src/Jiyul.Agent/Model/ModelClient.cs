using System.Net.Http.Headers;
using System.Net.Sockets;
using Jiyul.Agent.Hosting;

namespace Jiyul.Agent.Model;

/// <summary>
/// Calls the hub's OpenAI-compatible endpoint on the model socket, presenting the cell token so the hub knows
/// whose usage the call is. The cell has no network: the socket is the only way out.
/// </summary>
internal sealed class ModelClient(AgentOptions options, ILogger<ModelClient> logger) : IDisposable
{
    public const string ChatCompletionsPath = "/v1/chat/completions";

    /// <summary>
    /// The authority of every request. Nothing resolves it: the connection always goes to the socket, and the hub
    /// reads the user from the token, not from the host.
    /// </summary>
    public static readonly Uri BaseAddress = new("http://model/");

    // No overall timeout: a long answer streams for minutes. The caller's token ends a call whose client left.
    private readonly HttpClient _http = new(CreateHandler(options.ModelSocket))
    {
        BaseAddress = BaseAddress,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>
    /// Sends a chat completion request and returns as soon as the response headers arrive, so a stream can be
    /// relayed while the model is still writing it.
    /// </summary>
    public async Task<ModelCall> SendChatAsync(HttpContent body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ChatCompletionsPath) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.CellToken);
        try
        {
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return ModelCall.Answered(response);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            Log.ModelUnreachable(logger, options.ModelSocket, ex.InnerException?.Message ?? ex.Message);
            return ModelCall.Failed(ModelCallFailure.Unreachable);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ResponseEnded
            or HttpRequestError.InvalidResponse)
        {
            Log.ModelGaveNoResponse(logger, ex.HttpRequestError.ToString());
            return ModelCall.Failed(ModelCallFailure.NoResponse);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ModelUnreachable(logger, options.ModelSocket, "no connection within the connect timeout");
            return ModelCall.Failed(ModelCallFailure.Unreachable);
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
