using System.Net;
using System.Net.Http.Json;

namespace Jiyul.Hub.Tests.Web;

public sealed class WebAppServingTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(30);

    private HttpClient Client => fixture.Hub.Client;

    [Fact]
    public async Task Root_ServesIndexHtml_NotCached()
    {
        using var response = await Client.GetAsync("/").WaitAsync(_timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.Contains("<title>home</title>", await response.Content.ReadAsStringAsync().WaitAsync(_timeout));
    }

    [Theory]
    [InlineData("/chat", "chat page")]
    [InlineData("/chat/", "chat page")]
    [InlineData("/signin?next=1", "signin page")]
    public async Task PageAddress_ServesItsHtmlFile_NotCached(string path, string title)
    {
        using var response = await Client.GetAsync(path).WaitAsync(_timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.Contains(title, await response.Content.ReadAsStringAsync().WaitAsync(_timeout));
    }

    [Fact]
    public async Task HashedAsset_IsCachedForAYearAndImmutable()
    {
        using var response = await Client.GetAsync(WebAppFixture.HashedScript).WaitAsync(_timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.GetValues("Cache-Control").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("/sw.js")]
    [InlineData("/manifest.webmanifest")]
    public async Task UnhashedFile_IsRevalidated(string path)
    {
        using var response = await Client.GetAsync(path).WaitAsync(_timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.Null(response.Headers.CacheControl?.MaxAge);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task AppFile_AcceptingCompression_ComesCompressedAndWhole(string encoding)
    {
        using var response = await GetAcceptingAsync(WebAppFixture.HashedScript, encoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.GetValues("Cache-Control").Single());
        await using var body = await response.Content.ReadAsStreamAsync().WaitAsync(_timeout);
        await using Stream plain = encoding == "br"
            ? new System.IO.Compression.BrotliStream(body, System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(body, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(plain);
        Assert.Equal(WebAppFixture.HashedScriptContent, await reader.ReadToEndAsync().WaitAsync(_timeout));
    }

    [Theory]
    [InlineData("/api/config")]
    [InlineData("/health")]
    public async Task Endpoint_AcceptingCompression_IsNotCompressed(string path)
    {
        using var response = await GetAcceptingAsync(path, "br, gzip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Manifest_HasManifestContentType()
    {
        using var response = await Client.GetAsync("/manifest.webmanifest").WaitAsync(_timeout);

        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownPage_ServesNotFoundPageWith404()
    {
        using var response = await Client.GetAsync("/no/such/page").WaitAsync(_timeout);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not found page", await response.Content.ReadAsStringAsync().WaitAsync(_timeout));
    }

    [Fact]
    public async Task MissingAsset_IsPlain404_NotAPage()
    {
        using var response = await Client.GetAsync("/_next/static/chunks/missing.js").WaitAsync(_timeout);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("not found page", await response.Content.ReadAsStringAsync().WaitAsync(_timeout));
    }

    [Fact]
    public async Task ApiConfig_IsTheEndpoint_NotTheFileOfTheSameName()
    {
        using var response = await Client.GetAsync("/api/config").WaitAsync(_timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("shadowed", await response.Content.ReadAsStringAsync().WaitAsync(_timeout));
    }

    [Theory]
    [InlineData("/api/conversations")]
    [InlineData("/api/files")]
    [InlineData("/api/auth/whoami")]
    public async Task ApiWithoutToken_Is401_NotAPage(string path)
    {
        using var response = await Client.GetAsync(path).WaitAsync(_timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("shadowed", await response.Content.ReadAsStringAsync().WaitAsync(_timeout));
    }

    [Fact]
    public async Task UnknownApiPath_IsProblem404_NotTheNotFoundPage()
    {
        using var response = await Client.GetAsync("/api/no-such-thing").WaitAsync(_timeout);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("not found page", await response.Content.ReadAsStringAsync().WaitAsync(_timeout));
    }

    [Fact]
    public async Task Health_IsTheEndpoint()
    {
        using var response = await Client.GetAsync("/health").WaitAsync(_timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("shadowed", await response.Content.ReadAsStringAsync().WaitAsync(_timeout));
    }

    [Fact]
    public async Task PostToAPage_IsNotServedAsAFile()
    {
        using var response = await Client.PostAsJsonAsync("/chat", new { }).WaitAsync(_timeout);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("chat page", await response.Content.ReadAsStringAsync().WaitAsync(_timeout));
    }

    [Fact]
    public async Task Ensure_IsTheEndpoint()
    {
        using var response = await Client.PostAsync("/ensure", null).WaitAsync(_timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>A GET that accepts the given encodings and leaves the body as it came (no automatic decompression).</summary>
    private async Task<HttpResponseMessage> GetAcceptingAsync(string path, string encodings)
    {
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = fixture.Hub.BaseAddress,
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd(encodings);
        var response = await client.SendAsync(request).WaitAsync(_timeout);
        await response.Content.LoadIntoBufferAsync().WaitAsync(_timeout);
        return response;
    }
}
