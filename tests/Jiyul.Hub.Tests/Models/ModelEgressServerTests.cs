using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Tests.Infrastructure;

namespace Jiyul.Hub.Tests.Models;

public sealed class ModelEgressServerTests
{
    [Fact]
    public async Task ChatCompletions_WithoutToken_Answers401WithOpenAIError()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = ModelSocket.Connect(hub, token: null);

        using var response = await ModelSocket.PostChatAsync(client, ModelSocket.Chat("hello"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await ModelSocket.ReadJsonAsync(response))["error"]!;
        Assert.Equal("invalid_api_key", error["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(error["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ChatCompletions_ForgedToken_Answers401()
    {
        await using var hub = await TestHub.StartAsync();
        var forged = new CellTokens(new byte[32]).Issue(UidHash.Of("mallory"));
        using var client = ModelSocket.Connect(hub, forged);

        using var response = await ModelSocket.PostChatAsync(client, ModelSocket.Chat("hello"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_api_key", (await ModelSocket.ReadJsonAsync(response))["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Models_WithoutToken_Answers401()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = ModelSocket.Connect(hub, token: null);

        using var response = await client.GetAsync("v1/models").WaitAsync(ModelSocket.Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ChatCompletions_MalformedJson_Answers400WithOpenAIError()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

        using var content = new StringContent("{\"messages\": [", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("v1/chat/completions", content).WaitAsync(ModelSocket.Timeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await ModelSocket.ReadJsonAsync(response))["error"]!;
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.Equal("invalid_json", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletions_NoMessages_Answers400()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

        using var response = await ModelSocket.PostChatAsync(client, new JsonObject { ["model"] = "jiyul-default" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("messages", (await ModelSocket.ReadJsonAsync(response))["error"]!["message"]!.GetValue<string>(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_BodyOverLimit_Answers413()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Models:MaxRequestBytes"] = "1024" });
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

        using var response = await ModelSocket.PostChatAsync(client, ModelSocket.Chat(new string('x', 4096)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.NotNull((await ModelSocket.ReadJsonAsync(response))["error"]);
    }

    [Fact]
    public async Task Start_Socket_IsMode0666InA0755Directory()
    {
        await using var hub = await TestHub.StartAsync();
        var socket = ModelSocket.PathOf(hub);

        var socketMode = File.GetUnixFileMode(socket);
        var directoryMode = File.GetUnixFileMode(Path.GetDirectoryName(socket)!);

        Assert.Equal(Convert.ToInt32("666", 8), (int)socketMode);
        Assert.Equal(Convert.ToInt32("755", 8), (int)directoryMode);
    }

    [Fact]
    public async Task HubPort_ChatCompletions_Answers404()
    {
        await using var hub = await TestHub.StartAsync();
        using var content = ModelSocket.Json(ModelSocket.Chat("hello"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = content };
        request.Headers.Authorization = new("Bearer", ModelSocket.TokenFor(hub, "alice"));

        using var response = await hub.Client.SendAsync(request).WaitAsync(ModelSocket.Timeout);
        using var models = await hub.Client.GetAsync("/v1/models").WaitAsync(ModelSocket.Timeout);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, models.StatusCode);
    }

    [Fact]
    public async Task ModelSocket_HubRoutes_Answer404()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

        using var health = await client.GetAsync("health").WaitAsync(ModelSocket.Timeout);
        using var login = await client.PostAsync("api/auth/login", ModelSocket.Json(new JsonObject())).WaitAsync(ModelSocket.Timeout);
        using var hubHealth = await hub.Client.GetAsync("/health").WaitAsync(ModelSocket.Timeout);

        Assert.Equal(HttpStatusCode.NotFound, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, hubHealth.StatusCode);
    }

    [Fact]
    public async Task Models_WithToken_ListsAliasAndOfflineModel()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

        using var response = await client.GetAsync("v1/models").WaitAsync(ModelSocket.Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = (await ModelSocket.ReadJsonAsync(response))["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(["jiyul-default", "jiyul-offline"], ids);
    }

    [Fact]
    public async Task Start_StaleSocketFile_IsReplaced()
    {
        var data = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        try
        {
            var stale = Path.Combine(data, "model", "model.sock");
            Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
            using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            {
                // Bound and closed without unlinking: what a crashed hub leaves behind.
                dead.Bind(new UnixDomainSocketEndPoint(stale));
            }

            await using var hub = await TestHub.StartAsync(dataDirectory: data);
            using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));
            using var response = await client.GetAsync("v1/models").WaitAsync(ModelSocket.Timeout);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Stop_Hub_RemovesSocket()
    {
        // A data directory of the test's own, so that what is checked is the hub's clean-up, not the harness's.
        var data = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        try
        {
            var hub = await TestHub.StartAsync(dataDirectory: data);
            var socket = ModelSocket.PathOf(hub);
            Assert.True(File.Exists(socket));

            await hub.DisposeAsync();

            Assert.False(File.Exists(socket));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
