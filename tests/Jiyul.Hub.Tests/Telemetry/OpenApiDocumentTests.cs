using System.Net;
using System.Text.Json;
using Jiyul.Hub.Tests.Infrastructure;

namespace Jiyul.Hub.Tests.Telemetry;

/// <summary>
/// The OpenAPI document as a client author fetches it from a running hub: every endpoint group, the shapes of the
/// answers in camelCase, problem details on errors, and which operations need a bearer token. An endpoint that is no
/// longer mapped, or whose description is lost, fails here.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    // Method, path and operation id of every operation the document must hold.
    private static readonly (string Method, string Path, string OperationId)[] s_operations =
    [
        ("get", "/health", "Health"),
        ("get", "/health/ready", "Ready"),
        ("post", "/api/auth/register", "Register"),
        ("post", "/api/auth/login", "Login"),
        ("post", "/api/auth/refresh", "Refresh"),
        ("get", "/api/auth/whoami", "WhoAmI"),
        ("get", "/api/config", "PublicConfig"),
        ("post", "/ensure", "Ensure"),
        ("get", "/api/knowledge/search", "SearchKnowledge"),
        ("get", "/api/conversations", "ListConversations"),
        ("post", "/api/conversations", "CreateConversation"),
        ("get", "/api/conversations/{id}", "GetConversation"),
        ("patch", "/api/conversations/{id}", "RenameConversation"),
        ("delete", "/api/conversations/{id}", "DeleteConversation"),
        ("get", "/api/conversations/{id}/messages", "ListMessages"),
        ("post", "/api/conversations/{id}/messages", "PostMessage"),
        ("post", "/api/conversations/{id}/messages/{messageId}/stop", "StopReply"),
        ("get", "/api/conversations/{id}/messages/{messageId}/events", "FollowReply"),
        ("get", "/api/me", "GetProfile"),
        ("put", "/api/me", "PutProfile"),
        ("get", "/api/me/usage", "GetUsage"),
        ("get", "/api/admin/cells", "AdminListCells"),
        ("post", "/api/admin/cells/{uid}/stop", "AdminStopCell"),
        ("get", "/api/admin/usage", "AdminUsage"),
        ("post", "/api/files", "UploadFile"),
        ("get", "/api/files", "ListFiles"),
        ("get", "/api/files/{id}", "DownloadFile"),
        ("delete", "/api/files/{id}", "DeleteFile"),
        ("get", "/proxy/{uid}/v1/{rest}", "ProxyGet"),
        ("post", "/proxy/{uid}/v1/{rest}", "ProxyPost"),
        ("get", "/metrics", "Metrics"),
    ];

    [Fact]
    public async Task OpenApi_Document_IsPublicAndDescribesEveryEndpointGroup()
    {
        await using var hub = await TestHub.StartAsync();

        using var response = await hub.Client.GetAsync("/openapi/v1.json").WaitAsync(s_timeout);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString());
        Assert.Equal("Jiyul hub", root.GetProperty("info").GetProperty("title").GetString());

        var paths = root.GetProperty("paths");
        foreach (var (method, path, id) in s_operations)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing from the document");
            Assert.True(item.TryGetProperty(method, out var operation), $"{method.ToUpperInvariant()} {path} is missing");
            Assert.Equal(id, operation.GetProperty("operationId").GetString());
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{id} has no summary");
            Assert.Equal(1, operation.GetProperty("tags").GetArrayLength());
        }

        var tags = root.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Auth", "Cells", "Conversations", "Files", "Knowledge", "Proxy", "Health" }, tags);
    }

    [Fact]
    public async Task OpenApi_Document_GivesShapesInCamelCaseAndProblemsOnErrors()
    {
        await using var hub = await TestHub.StartAsync();
        using var document = JsonDocument.Parse(await hub.Client.GetStringAsync("/openapi/v1.json").WaitAsync(s_timeout));
        var root = document.RootElement;
        var schemas = root.GetProperty("components").GetProperty("schemas");
        var paths = root.GetProperty("paths");

        Assert.Equal(["createdAt", "id", "title", "updatedAt"], PropertiesOf(schemas, "ConversationAnswer"));
        Assert.Equal(["contentType", "createdAt", "expiresAt", "id", "name", "size"], PropertiesOf(schemas, "FileAnswer"));
        Assert.Equal(["attachments", "content", "createdAt", "id", "role", "status"], PropertiesOf(schemas, "MessageAnswer"));
        Assert.Contains("reason", PropertiesOf(schemas, "ProblemDetails"));
        Assert.Equal(["accessToken", "expiresIn", "refreshToken", "tokenType"], PropertiesOf(schemas, "AccessTokenResponse"));

        // Answers name their shapes; errors are problem details.
        var create = paths.GetProperty("/api/conversations").GetProperty("post");
        Assert.Equal("#/components/schemas/ConversationAnswer", SchemaRef(create, "201", "application/json"));
        var get = paths.GetProperty("/api/conversations/{id}").GetProperty("get");
        Assert.Equal("#/components/schemas/ProblemDetails", SchemaRef(get, "404", "application/problem+json"));
        Assert.Equal("#/components/schemas/ProblemDetails", SchemaRef(get, "401", "application/problem+json"));
        var upload = paths.GetProperty("/api/files").GetProperty("post");
        Assert.Equal("#/components/schemas/FileAnswer", SchemaRef(upload, "201", "application/json"));
        Assert.Equal("#/components/schemas/ProblemDetails", SchemaRef(upload, "415", "application/problem+json"));
        Assert.Equal("#/components/schemas/ProblemDetails", SchemaRef(upload, "429", "application/problem+json"));
        var login = paths.GetProperty("/api/auth/login").GetProperty("post");
        Assert.Equal("#/components/schemas/AccessTokenResponse", SchemaRef(login, "200", "application/json"));

        // The upload is one multipart field named file; the message post streams server-sent events.
        var form = upload.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        Assert.Equal("file", form.GetProperty("required")[0].GetString());
        Assert.Equal("binary", form.GetProperty("properties").GetProperty("file").GetProperty("format").GetString());
        var post = paths.GetProperty("/api/conversations/{id}/messages").GetProperty("post");
        Assert.True(post.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
        Assert.Contains("delta", post.GetProperty("responses").GetProperty("200").GetProperty("description").GetString());
        Assert.Equal("#/components/schemas/PostMessageRequest", post.GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.False(schemas.TryGetProperty("SseItemOfObject", out _));

        // Signed-in operations say so; the health checks do not.
        Assert.Equal("bearer", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer")
            .GetProperty("scheme").GetString());
        Assert.True(get.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        var proxy = paths.GetProperty("/proxy/{uid}/v1/{rest}").GetProperty("post");
        Assert.True(proxy.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        Assert.Equal("#/components/schemas/ProblemDetails", SchemaRef(proxy, "403", "application/problem+json"));
        Assert.False(paths.GetProperty("/health").GetProperty("get").TryGetProperty("security", out _));
        Assert.False(login.TryGetProperty("security", out _));

        var search = paths.GetProperty("/api/knowledge/search").GetProperty("get");
        var parameters = search.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["q", "k"], parameters);
    }

    private static List<string> PropertiesOf(JsonElement schemas, string name) =>
        [.. schemas.GetProperty(name).GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    private static string? SchemaRef(JsonElement operation, string status, string contentType) =>
        operation.GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty(contentType)
            .GetProperty("schema").GetProperty("$ref").GetString();
}
