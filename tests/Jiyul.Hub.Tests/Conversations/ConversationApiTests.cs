using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jiyul.Hub.Data;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiyul.Hub.Tests.Conversations;

/// <summary>The conversation API without a cell: listing, paging, renaming, deleting, ownership and bad input.</summary>
public sealed class ConversationApiTests
{
    private static readonly TimeSpan s_timeout = ConversationsClient.Timeout;

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Conversations_CreateListRenameDelete_PagesNewestFirst(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using var hub = await TestHub.StartAsync(store.With());
        var (http, _) = await hub.SignUpAsync();
        var api = new ConversationsClient(http);

        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await api.CreateIdAsync(i == 0 ? null : $"대화 {i}"));
        }

        var first = await api.GetJsonAsync($"/api/conversations/{created[0]}");
        Assert.Equal("", first.GetProperty("title").GetString());
        using (var withoutBody = await http.PostAsync("/api/conversations", null).WaitAsync(s_timeout))
        {
            Assert.Equal(HttpStatusCode.Created, withoutBody.StatusCode);
            created.Add((await withoutBody.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(s_timeout)).GetProperty("id").GetGuid());
        }

        var listed = await ListAllAsync(api, "/api/conversations?limit=2");
        Assert.Equal([2, 2, 2], listed.Pages);
        Assert.Equal(Enumerable.Reverse(created), listed.Items.Select(c => c.GetProperty("id").GetGuid()));

        using var renamed = await http.PatchAsJsonAsync($"/api/conversations/{created[0]}", new { title = "  세금 질문  " })
            .WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var newest = (await api.GetJsonAsync("/api/conversations")).GetProperty("items")[0];
        Assert.Equal(created[0], newest.GetProperty("id").GetGuid());
        Assert.Equal("세금 질문", newest.GetProperty("title").GetString());

        using var deleted = await http.DeleteAsync($"/api/conversations/{created[1]}").WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await http.GetAsync($"/api/conversations/{created[1]}").WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(5, (await ListAllAsync(api, "/api/conversations")).Items.Count);
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Messages_PagedOldestFirst_AndDeletedWithTheirConversation(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using var hub = await TestHub.StartAsync(store.With());
        var (http, uid) = await hub.SignUpAsync();
        var api = new ConversationsClient(http);
        var id = await api.CreateIdAsync("긴 대화");
        await AddMessagesAsync(hub, id, 25);

        var listed = await ListAllAsync(api, $"/api/conversations/{id}/messages?limit=10");

        Assert.Equal([10, 10, 5], listed.Pages);
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"message {i}"), listed.Items.Select(m => m.GetProperty("content").GetString()));
        Assert.Equal("user", listed.Items[0].GetProperty("role").GetString());
        Assert.Equal("assistant", listed.Items[1].GetProperty("role").GetString());
        Assert.Equal("complete", listed.Items[0].GetProperty("status").GetString());

        using var deleted = await http.DeleteAsync($"/api/conversations/{id}").WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        Assert.Equal(0, await db.Messages.CountAsync(m => m.ConversationId == id).WaitAsync(s_timeout));
        Assert.NotEmpty(uid);
    }

    [Fact]
    public async Task EveryEndpoint_AnotherUsersConversation_Is404AndLeaksNothing()
    {
        await using var hub = await TestHub.StartAsync();
        var (aliceHttp, _) = await hub.SignUpAsync();
        var (bobHttp, _) = await hub.SignUpAsync();
        var alice = new ConversationsClient(aliceHttp);
        const string secretTitle = "앨리스의 비밀 상담";
        var id = await alice.CreateIdAsync(secretTitle);
        await AddMessagesAsync(hub, id, 2);

        var answers = new List<HttpResponseMessage>
        {
            await bobHttp.GetAsync($"/api/conversations/{id}").WaitAsync(s_timeout),
            await bobHttp.PatchAsJsonAsync($"/api/conversations/{id}", new { title = "mine now" }).WaitAsync(s_timeout),
            await bobHttp.GetAsync($"/api/conversations/{id}/messages").WaitAsync(s_timeout),
            await bobHttp.PostAsJsonAsync($"/api/conversations/{id}/messages", new { content = "hello" }).WaitAsync(s_timeout),
            await bobHttp.DeleteAsync($"/api/conversations/{id}").WaitAsync(s_timeout),
        };

        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            var body = await answer.Content.ReadAsStringAsync().WaitAsync(s_timeout);
            Assert.DoesNotContain(secretTitle, body);
            Assert.DoesNotContain("message 1", body);
            answer.Dispose();
        }

        var bobsList = await bobHttp.GetStringAsync("/api/conversations").WaitAsync(s_timeout);
        Assert.DoesNotContain(id.ToString(), bobsList);
        var kept = await alice.GetJsonAsync($"/api/conversations/{id}");
        Assert.Equal(secretTitle, kept.GetProperty("title").GetString());
        Assert.Equal(2, (await alice.MessagesAsync(id)).Count);
        Assert.Empty(await new TestDocker().ListAsync(hub.Instance));
    }

    [Fact]
    public async Task PostMessage_BadInput_AnswersProblemWithReasonAndStoresNothing()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["Conversations:MaxMessageChars"] = "50",
            ["Limits:MessagesPerMinute"] = "0",
        });
        var (http, _) = await hub.SignUpAsync();
        var api = new ConversationsClient(http);
        var id = await api.CreateIdAsync();
        var path = $"/api/conversations/{id}/messages";

        await AssertProblemAsync(HttpStatusCode.BadRequest, null,
            await http.PostAsync(path, new StringContent("{\"content\": \"hi", Encoding.UTF8, "application/json")));
        await AssertProblemAsync(HttpStatusCode.BadRequest, "content-missing", await http.PostAsJsonAsync(path, new { content = "" }));
        await AssertProblemAsync(HttpStatusCode.BadRequest, "content-missing",
            await http.PostAsJsonAsync(path, new { content = " \n\t " }));
        await AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "content-too-long",
            await http.PostAsJsonAsync(path, new { content = new string('가', 51) }));
        await AssertProblemAsync(HttpStatusCode.BadRequest, "unknown-attachment",
            await http.PostAsJsonAsync(path, new { content = "see file", attachments = new[] { Guid.NewGuid() } }));
        await AssertProblemAsync(HttpStatusCode.BadRequest, "bad-cursor", await http.GetAsync(path + "?next=not-a-cursor"));
        await AssertProblemAsync(HttpStatusCode.BadRequest, "bad-limit", await http.GetAsync("/api/conversations?limit=0"));
        await AssertProblemAsync(HttpStatusCode.BadRequest, "title-too-long",
            await http.PostAsJsonAsync("/api/conversations", new { title = new string('x', 201) }));
        await AssertProblemAsync(HttpStatusCode.BadRequest, "title-missing",
            await http.PatchAsJsonAsync($"/api/conversations/{id}", new { title = "  " }));

        Assert.Empty(await api.MessagesAsync(id));
        Assert.Equal("", (await api.GetJsonAsync($"/api/conversations/{id}")).GetProperty("title").GetString());
        Assert.Empty(await new TestDocker().ListAsync(hub.Instance));
    }

    [Fact]
    public async Task PostMessage_OverMessagesPerMinute_Is429WithRetryAfter()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Limits:MessagesPerMinute"] = "1" });
        var (http, _) = await hub.SignUpAsync();
        var (other, _) = await hub.SignUpAsync();
        var id = await new ConversationsClient(http).CreateIdAsync();
        var path = $"/api/conversations/{id}/messages";

        // The limit counts posts, whatever becomes of them: a refused one spends the minute's only permit.
        using var first = await http.PostAsJsonAsync(path, new { content = "" }).WaitAsync(s_timeout);
        using var second = await http.PostAsJsonAsync(path, new { content = "" }).WaitAsync(s_timeout);
        using var otherUser = await other.PostAsJsonAsync(path, new { content = "hello" }).WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.True(second.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without a Retry-After");
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(s_timeout);
        Assert.Contains("messages in a minute", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, otherUser.StatusCode);
    }

    private static async Task AssertProblemAsync(HttpStatusCode status, string? reason, HttpResponseMessage answer)
    {
        using (answer)
        {
            Assert.Equal(status, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            var problem = await answer.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(s_timeout);
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
            if (reason is not null)
            {
                Assert.Equal(reason, problem.GetProperty("reason").GetString());
            }
        }
    }

    private static async Task AddMessagesAsync(TestHub hub, Guid conversationId, int count)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId).WaitAsync(s_timeout);
        var start = DateTimeOffset.UtcNow;
        for (var i = 1; i <= count; i++)
        {
            db.Messages.Add(new Message
            {
                Id = Guid.NewGuid(),
                ConversationId = conversationId,
                Sequence = i,
                Role = i % 2 == 1 ? MessageRoles.User : MessageRoles.Assistant,
                Content = $"message {i}",
                Status = MessageStatuses.Complete,
                CreatedAt = start.AddSeconds(i),
            });
        }

        conversation.LastSequence = count;
        await db.SaveChangesAsync().WaitAsync(s_timeout);
    }

    private static async Task<(List<JsonElement> Items, List<int> Pages)> ListAllAsync(ConversationsClient api, string path)
    {
        var items = new List<JsonElement>();
        var pages = new List<int>();
        string? next = null;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            var page = await api.GetJsonAsync(next is null ? path : path + separator + "next=" + Uri.EscapeDataString(next));
            var batch = page.GetProperty("items").EnumerateArray().ToList();
            items.AddRange(batch);
            pages.Add(batch.Count);
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);

        return (items, pages);
    }
}
