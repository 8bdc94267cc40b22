using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Jiyul.Hub.Data;
using Jiyul.Hub.Models;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiyul.Hub.Tests.Conversations;

/// <summary>Posting messages to real agent cells: the reply streamed, stored, kept when the client or the cell goes.</summary>
public sealed class ReplyTests
{
    private static readonly TimeSpan s_timeout = ConversationsClient.Timeout;

    private static readonly JsonSerializerOptions s_plainJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Fact]
    public async Task PostMessage_OfflineModel_StreamsSeveralDeltasAndStoresTheReplyComplete()
    {
        await using var hub = await TestHub.StartAsync();
        var (http, _) = await hub.SignUpAsync();
        var api = new ConversationsClient(http);
        var id = await api.CreateIdAsync();
        const string question = "종합소득세 신고 기한은 언제인가요?\n자세히 알려 주세요.";

        var events = await api.ChatAsync(id, question);

        Assert.Equal(["message", "reply"], events.Take(2).Select(e => e.EventType));
        Assert.Equal("done", events[^1].EventType);
        var deltas = events.Where(e => e.EventType == "delta").Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        Assert.True(deltas.Count > 2, $"expected several delta events, got {deltas.Count}");
        var text = string.Concat(deltas.Select(d => d.GetProperty("text").GetString()));
        Assert.Contains("5월", text);

        var done = JsonDocument.Parse(events[^1].Data).RootElement;
        Assert.Equal("complete", done.GetProperty("status").GetString());
        Assert.Equal(text, done.GetProperty("content").GetString());

        var messages = await api.MessagesAsync(id);
        Assert.Equal(2, messages.Count);
        Assert.Equal(("user", question, "complete"), Shape(messages[0]));
        Assert.Equal(("assistant", text, "complete"), Shape(messages[1]));
        Assert.Equal(done.GetProperty("id").GetGuid(), messages[1].GetProperty("id").GetGuid());
        var conversation = await api.GetJsonAsync($"/api/conversations/{id}");
        Assert.Equal("종합소득세 신고 기한은 언제인가요?", conversation.GetProperty("title").GetString());
    }

    [Fact]
    public async Task PostMessage_SecondTurn_SendsTheEarlierTurnsToTheModelAndKeepsAUserTitle()
    {
        var model = new ScriptedModelProvider();
        await using var hub = await TestHub.StartAsync(services: s => s.AddSingleton<IModelProvider>(model));
        var (http, _) = await hub.SignUpAsync();
        var api = new ConversationsClient(http);
        var id = await api.CreateIdAsync("내가 정한 제목");

        await api.ChatAsync(id, "first question " + id);
        await api.ChatAsync(id, "second question");

        var sent = model.Requests.Last()["messages"]!.AsArray()
            .Where(m => m!["role"]!.GetValue<string>() != "system")
            .Select(m => (m!["role"]!.GetValue<string>(), m["content"]!.GetValue<string>()))
            .ToList();
        Assert.Equal(
            [("user", "first question " + id), ("assistant", ScriptedModelProvider.WholeAnswer), ("user", "second question")],
            sent);
        Assert.Equal("내가 정한 제목", (await api.GetJsonAsync($"/api/conversations/{id}")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task PostMessage_ClientLeavesMidReply_ReplyIsWrittenAsItGrowsAndStoredComplete()
    {
        await using var chat = await ScriptedChat.StartAsync(
            new Dictionary<string, string?> { ["Conversations:ReplyFlushChars"] = "1" });
        var hold = chat.Model.HoldNext();

        using (var answer = await chat.Api.PostAsync(chat.Id, new { content = "질문" }))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            await using var events = new ReplyEventStream(await answer.Content.ReadAsStreamAsync().WaitAsync(s_timeout));
            var delta = await events.NextOfTypeAsync("delta");
            Assert.Equal(ScriptedModelProvider.FirstPiece, JsonDocument.Parse(delta.Data).RootElement.GetProperty("text").GetString());
        }

        var partial = await chat.Api.WaitForMessagesAsync(chat.Id,
            m => m.Count == 2 && m[1].GetProperty("content").GetString() == ScriptedModelProvider.FirstPiece, "the first piece stored");
        Assert.Equal("streaming", partial[1].GetProperty("status").GetString());

        hold.Release();
        var messages = await chat.Api.WaitForMessagesAsync(chat.Id,
            m => m.Count == 2 && m[1].GetProperty("status").GetString() != "streaming", "the reply to be stored");

        Assert.Equal(("assistant", ScriptedModelProvider.WholeAnswer, "complete"), Shape(messages[1]));
    }

    [Fact]
    public async Task PostMessage_CellKilledMidReply_KeepsPartialReplyIncompleteAndTheNextMessageWorks()
    {
        var model = new ScriptedModelProvider();
        await using var hub = await TestHub.StartAsync(services: s => s.AddSingleton<IModelProvider>(model));
        using var docker = new TestDocker();
        var (http, uid) = await hub.SignUpAsync();
        var api = new ConversationsClient(http);
        var id = await api.CreateIdAsync();
        model.HoldNext();

        using (var answer = await api.PostAsync(id, new { content = "첫 질문" }))
        {
            await using var events = new ReplyEventStream(await answer.Content.ReadAsStreamAsync().WaitAsync(s_timeout));
            await events.NextOfTypeAsync("delta");

            await docker.Client.Containers.KillContainerAsync(TestDocker.NameOf(uid), new()).WaitAsync(s_timeout);

            var error = await events.NextOfTypeAsync("error");
            Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(error.Data).RootElement.GetProperty("reason").GetString()));
            var done = JsonDocument.Parse((await events.NextOfTypeAsync("done")).Data).RootElement;
            Assert.Equal("incomplete", done.GetProperty("status").GetString());
        }

        var afterKill = await api.MessagesAsync(id);
        Assert.Equal(("user", "첫 질문", "complete"), Shape(afterKill[0]));
        Assert.Equal(("assistant", ScriptedModelProvider.FirstPiece, "incomplete"), Shape(afterKill[1]));

        var next = await api.ChatAsync(id, "다시 묻습니다");

        Assert.Equal("complete", JsonDocument.Parse(next[^1].Data).RootElement.GetProperty("status").GetString());
        var all = await api.MessagesAsync(id);
        Assert.Equal(4, all.Count);
        Assert.Equal(("assistant", ScriptedModelProvider.WholeAnswer, "complete"), Shape(all[3]));
        Assert.Contains("첫 질문", model.Requests.Last()["messages"]!.ToJsonString(s_plainJson));
    }

    [Fact]
    public async Task HubRestart_BetweenMessages_KeepsHistoryAndMarksLeftoverStreamingIncomplete()
    {
        var data = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        var instance = "test-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            string token;
            Guid id, leftover;
            await using (var first = await TestHub.StartAsync(dataDirectory: data, instance: instance))
            {
                var (http, _) = await first.SignUpAsync();
                token = http.DefaultRequestHeaders.Authorization!.Parameter!;
                var api = new ConversationsClient(http);
                id = await api.CreateIdAsync();
                await api.ChatAsync(id, "종합소득세 신고 기한은?");

                // A reply a crash would leave behind: still marked streaming when the hub goes.
                leftover = await api.CreateIdAsync();
                await using var scope = first.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
                db.Messages.Add(new Message
                {
                    Id = Guid.NewGuid(), ConversationId = leftover, Sequence = 1, Role = MessageRoles.Assistant,
                    Content = "반쯤", Status = MessageStatuses.Streaming, CreatedAt = DateTimeOffset.UtcNow,
                });
                await db.SaveChangesAsync().WaitAsync(s_timeout);
            }

            var model = new ScriptedModelProvider();
            await using var second = await TestHub.StartAsync(services: s => s.AddSingleton<IModelProvider>(model),
                dataDirectory: data, instance: instance);
            using var again = new HttpClient { BaseAddress = second.BaseAddress, Timeout = s_timeout };
            again.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var api2 = new ConversationsClient(again);

            var kept = await api2.MessagesAsync(id);
            Assert.Equal(("user", "종합소득세 신고 기한은?", "complete"), Shape(kept[0]));
            Assert.Equal("complete", kept[1].GetProperty("status").GetString());
            Assert.Equal(("assistant", "반쯤", "incomplete"), Shape((await api2.MessagesAsync(leftover))[0]));

            await api2.ChatAsync(id, "이어서 질문");
            Assert.Equal(4, (await api2.MessagesAsync(id)).Count);
            Assert.Contains("종합소득세 신고 기한은?", model.Requests.Last()["messages"]!.ToJsonString(s_plainJson));
        }
        finally
        {
            await DockerCleanup.RemoveInstanceAsync(instance);
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task HubStopping_MidReply_StoresWhatArrivedAsIncomplete()
    {
        var data = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        var instance = "test-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            string token;
            Guid id;
            var model = new ScriptedModelProvider();
            var first = await TestHub.StartAsync(
                services: s => s.AddSingleton<IModelProvider>(model), dataDirectory: data, instance: instance);
            Task? stopping = null;
            try
            {
                var (http, _) = await first.SignUpAsync();
                token = http.DefaultRequestHeaders.Authorization!.Parameter!;
                var api = new ConversationsClient(http);
                id = await api.CreateIdAsync();
                model.HoldNext();

                using var answer = await api.PostAsync(id, new { content = "질문" });
                await using var events = new ReplyEventStream(await answer.Content.ReadAsStreamAsync().WaitAsync(s_timeout));
                await events.NextOfTypeAsync("delta");

                stopping = first.DisposeAsync().AsTask();
                var error = JsonDocument.Parse((await events.NextOfTypeAsync("error")).Data).RootElement;
                var done = JsonDocument.Parse((await events.NextOfTypeAsync("done")).Data).RootElement;
                await stopping.WaitAsync(s_timeout);

                Assert.Equal("hub-stopping", error.GetProperty("reason").GetString());
                Assert.Equal("incomplete", done.GetProperty("status").GetString());
                Assert.Equal(ScriptedModelProvider.FirstPiece, done.GetProperty("content").GetString());
            }
            finally
            {
                await (stopping ?? first.DisposeAsync().AsTask()).WaitAsync(s_timeout);
            }

            // With the default flush settings nothing had been written before the stop: the content is the stop's own write.
            await using var second = await TestHub.StartAsync(dataDirectory: data, instance: instance);
            using var again = new HttpClient { BaseAddress = second.BaseAddress, Timeout = s_timeout };
            again.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var messages = await new ConversationsClient(again).MessagesAsync(id);
            Assert.Equal(("assistant", ScriptedModelProvider.FirstPiece, "incomplete"), Shape(messages[1]));
        }
        finally
        {
            await DockerCleanup.RemoveInstanceAsync(instance);
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task PostMessage_OverConcurrentChats_Is429UntilTheStreamingReplyEnds()
    {
        await using var chat = await ScriptedChat.StartAsync(
            new Dictionary<string, string?> { ["Limits:ConcurrentChats"] = "1", ["Limits:MessagesPerMinute"] = "0" });
        var hold = chat.Model.HoldNext();

        using (var answer = await chat.Api.PostAsync(chat.Id, new { content = "하나" }))
        {
            await using var events = new ReplyEventStream(await answer.Content.ReadAsStreamAsync().WaitAsync(s_timeout));
            await events.NextOfTypeAsync("delta");

            using var refused = await chat.Http.PostAsJsonAsync($"/api/conversations/{chat.Id}/messages", new { content = "둘" })
                .WaitAsync(s_timeout);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without a Retry-After");
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(s_timeout);
            Assert.Contains("already streaming", problem.GetProperty("detail").GetString());

            hold.Release();
            var done = JsonDocument.Parse((await events.NextOfTypeAsync("done")).Data).RootElement;
            Assert.Equal("complete", done.GetProperty("status").GetString());

            // The lease is given back when the response ends, so the stream is read to its end first.
            Assert.Empty(await events.ReadToEndAsync());
        }

        var third = await chat.Api.ChatAsync(chat.Id, "셋");
        Assert.Equal("done", third[^1].EventType);
        Assert.Equal(4, (await chat.Api.MessagesAsync(chat.Id)).Count);
    }

    [Fact]
    public async Task StopReply_MidReply_StoresWhatArrivedIncompleteOnlyForItsOwner()
    {
        await using var chat = await ScriptedChat.StartAsync();
        var (stranger, _) = await chat.Hub.SignUpAsync();
        chat.Model.HoldNext();

        using (var answer = await chat.Api.PostAsync(chat.Id, new { content = "길게 설명해 주세요" }))
        {
            await using var events = new ReplyEventStream(await answer.Content.ReadAsStreamAsync().WaitAsync(s_timeout));
            var replyId = JsonDocument.Parse((await events.NextOfTypeAsync("reply")).Data).RootElement.GetProperty("id").GetGuid();
            await events.NextOfTypeAsync("delta");
            var stopPath = $"/api/conversations/{chat.Id}/messages/{replyId}/stop";

            using (var foreign = await stranger.PostAsync(stopPath, null).WaitAsync(s_timeout))
            {
                Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
            }

            using (var stop = await chat.Http.PostAsync(stopPath, null).WaitAsync(s_timeout))
            {
                Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
                var stopped = await stop.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(s_timeout);
                Assert.Equal(("assistant", ScriptedModelProvider.FirstPiece, "incomplete"), Shape(stopped));
            }

            var error = JsonDocument.Parse((await events.NextOfTypeAsync("error")).Data).RootElement;
            Assert.Equal("stopped", error.GetProperty("reason").GetString());
            Assert.Equal("incomplete", JsonDocument.Parse((await events.NextOfTypeAsync("done")).Data).RootElement
                .GetProperty("status").GetString());

            using var again = await chat.Http.PostAsync(stopPath, null).WaitAsync(s_timeout);
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        var messages = await chat.Api.MessagesAsync(chat.Id);
        Assert.Equal(("assistant", ScriptedModelProvider.FirstPiece, "incomplete"), Shape(messages[1]));
        var next = await chat.Api.ChatAsync(chat.Id, "이어서");
        Assert.Equal("complete", JsonDocument.Parse(next[^1].Data).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task PostMessage_ModelPausesLongerThanTheKeepAlive_PingsUntilTheReplyGoesOn()
    {
        await using var chat = await ScriptedChat.StartAsync(
            new Dictionary<string, string?> { ["Conversations:KeepAliveInterval"] = "00:00:00.05" });
        var hold = chat.Model.HoldNext();

        using var answer = await chat.Api.PostAsync(chat.Id, new { content = "잠시 생각해 보세요" });
        await using var events = new ReplyEventStream(await answer.Content.ReadAsStreamAsync().WaitAsync(s_timeout));
        await events.NextOfTypeAsync("delta");

        // The model holds its next piece: nothing but pings can come until it is released.
        var quiet = await events.NextAsync();
        Assert.Equal("ping", quiet?.EventType);
        Assert.Equal("{}", quiet?.Data);
        hold.Release();

        var rest = await events.ReadToEndAsync();
        Assert.Equal(ScriptedModelProvider.WholeAnswer, ScriptedModelProvider.FirstPiece + Deltas(rest));
        Assert.Equal("done", rest[^1].EventType);
    }

    [Fact]
    public async Task PostMessage_KeepAliveOff_SendsNoPings()
    {
        await using var chat = await ScriptedChat.StartAsync(
            new Dictionary<string, string?> { ["Conversations:KeepAliveInterval"] = "00:00:00" });

        var all = await chat.Api.ChatAsync(chat.Id, "짧게 답해 주세요");

        Assert.DoesNotContain(all, e => e.EventType == "ping");
        Assert.Equal("done", all[^1].EventType);
    }

    [Fact]
    public async Task FollowReply_AfterLeavingMidReply_GivesWhatArrivedThenTheRest()
    {
        await using var chat = await ScriptedChat.StartAsync();
        var (stranger, _) = await chat.Hub.SignUpAsync();
        var hold = chat.Model.HoldNext();

        Guid replyId;
        using (var answer = await chat.Api.PostAsync(chat.Id, new { content = "다시 들어와도 보이나요?" }))
        {
            await using var first = new ReplyEventStream(await answer.Content.ReadAsStreamAsync().WaitAsync(s_timeout));
            replyId = JsonDocument.Parse((await first.NextOfTypeAsync("reply")).Data).RootElement.GetProperty("id").GetGuid();
            await first.NextOfTypeAsync("delta");
        }

        var path = $"/api/conversations/{chat.Id}/messages/{replyId}/events";
        using (var foreign = await stranger.GetAsync(path).WaitAsync(s_timeout))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        using (var again = await chat.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead).WaitAsync(s_timeout))
        {
            Assert.Equal("text/event-stream", again.Content.Headers.ContentType?.MediaType);
            await using var events = new ReplyEventStream(await again.Content.ReadAsStreamAsync().WaitAsync(s_timeout));
            var sofar = JsonDocument.Parse((await events.NextOfTypeAsync("reply")).Data).RootElement;
            Assert.Equal(("assistant", ScriptedModelProvider.FirstPiece, "streaming"), Shape(sofar));
            hold.Release();

            var rest = await events.ReadToEndAsync();
            Assert.Equal(ScriptedModelProvider.WholeAnswer, ScriptedModelProvider.FirstPiece + Deltas(rest));
            Assert.Equal("done", rest[^1].EventType);
            Assert.Equal("complete", JsonDocument.Parse(rest[^1].Data).RootElement.GetProperty("status").GetString());
        }

        // Once the reply has ended, following it answers how it was stored.
        using var ended = await chat.Http.GetAsync(path).WaitAsync(s_timeout);
        await using var stored = new ReplyEventStream(await ended.Content.ReadAsStreamAsync().WaitAsync(s_timeout));
        var only = await stored.ReadToEndAsync();
        Assert.Equal(["done"], only.Select(e => e.EventType));
        Assert.Equal(("assistant", ScriptedModelProvider.WholeAnswer, "complete"),
            Shape(JsonDocument.Parse(only[0].Data).RootElement));
    }

    /// <summary>A hub whose model is scripted, with one signed-up user and a new conversation of theirs.</summary>
    private sealed record ScriptedChat(
        TestHub Hub, ScriptedModelProvider Model, HttpClient Http, ConversationsClient Api, Guid Id) : IAsyncDisposable
    {
        public static async Task<ScriptedChat> StartAsync(Dictionary<string, string?>? settings = null)
        {
            var model = new ScriptedModelProvider();
            var hub = await TestHub.StartAsync(settings, s => s.AddSingleton<IModelProvider>(model));
            var (http, _) = await hub.SignUpAsync();
            var api = new ConversationsClient(http);
            return new ScriptedChat(hub, model, http, api, await api.CreateIdAsync());
        }

        public ValueTask DisposeAsync() => Hub.DisposeAsync();
    }

    /// <summary>The text of the <c>delta</c> events among <paramref name="events"/>, joined in order.</summary>
    private static string Deltas(IEnumerable<SseItem<string>> events) => string.Concat(events.Where(e => e.EventType == "delta")
        .Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("text").GetString()));

    private static (string?, string?, string?) Shape(JsonElement message) => (
        message.GetProperty("role").GetString(),
        message.GetProperty("content").GetString(),
        message.GetProperty("status").GetString());
}
