using System.Net;
using Jiyul.Hub.Tests.Infrastructure;

namespace Jiyul.Hub.Tests.Models;

/// <summary>The lean agent's search tool asks the model socket; it must answer like the hub's own search, to cells only.</summary>
public sealed class EgressSearchTests
{
    [Fact]
    public async Task Search_WithCellToken_AnswersPassagesWithTheirSource()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

        using var response = await client.GetAsync("v1/knowledge/search?q=" + Uri.EscapeDataString("부가가치세 확정신고 기한") + "&k=3")
            .WaitAsync(ModelSocket.Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await ModelSocket.ReadJsonAsync(response))["results"]!.AsArray();
        Assert.InRange(results.Count, 1, 3);
        Assert.Equal("tax-law", results[0]!["skill"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(results[0]!["file"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(results[0]!["asOf"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Search_WithoutToken_Answers401()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = ModelSocket.Connect(hub, token: null);

        using var response = await client.GetAsync("v1/knowledge/search?q=vat").WaitAsync(ModelSocket.Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("v1/knowledge/search")]
    [InlineData("v1/knowledge/search?q=%20")]
    [InlineData("v1/knowledge/search?q=vat&k=0")]
    [InlineData("v1/knowledge/search?q=vat&k=many")]
    public async Task Search_BadQuery_Answers400WithReason(string path)
    {
        await using var hub = await TestHub.StartAsync();
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

        using var response = await client.GetAsync(path).WaitAsync(ModelSocket.Timeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must", await response.Content.ReadAsStringAsync().WaitAsync(ModelSocket.Timeout), StringComparison.Ordinal);
    }
}
