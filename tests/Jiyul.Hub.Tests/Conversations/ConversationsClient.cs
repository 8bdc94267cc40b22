using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Jiyul.Hub.Tests.Conversations;

/// <summary>The conversation API as a signed-in client uses it, with a timeout on every call.</summary>
internal sealed class ConversationsClient(HttpClient client)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public HttpClient Http => client;

    public async Task<JsonElement> CreateAsync(string? title = null)
    {
        using var answer = await client.PostAsJsonAsync("/api/conversations", new { title }).WaitAsync(Timeout);
        Assert.Equal(System.Net.HttpStatusCode.Created, answer.StatusCode);
        return await answer.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(Timeout);
    }

    public async Task<Guid> CreateIdAsync(string? title = null) => (await CreateAsync(title)).GetProperty("id").GetGuid();

    public Task<JsonElement> GetJsonAsync(string path) => client.GetFromJsonAsync<JsonElement>(path).WaitAsync(Timeout);

    /// <summary>Every message of a conversation, all pages.</summary>
    public async Task<List<JsonElement>> MessagesAsync(Guid id)
    {
        var all = new List<JsonElement>();
        string? next = null;
        do
        {
            var page = await GetJsonAsync($"/api/conversations/{id}/messages?limit=100"
                + (next is null ? "" : "&next=" + Uri.EscapeDataString(next)));
            all.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);

        return all;
    }

    /// <summary>Posts a message and answers as soon as the headers are in, so the events can be read as they come.</summary>
    public Task<HttpResponseMessage> PostAsync(Guid id, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{id}/messages") { Content = JsonContent.Create(body) };
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
    }

    /// <summary>Posts a message and reads every event of the reply.</summary>
    public async Task<List<SseItem<string>>> ChatAsync(Guid id, string content)
    {
        using var answer = await PostAsync(id, new { content });
        Assert.True(answer.IsSuccessStatusCode, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        await using var events = new ReplyEventStream(await answer.Content.ReadAsStreamAsync().WaitAsync(Timeout));
        return await events.ReadToEndAsync();
    }

    /// <summary>Polls the messages until <paramref name="done"/> holds; fails when it does not within the timeout.</summary>
    public async Task<List<JsonElement>> WaitForMessagesAsync(Guid id, Func<List<JsonElement>, bool> done, string what)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            var messages = await MessagesAsync(id);
            if (done(messages))
            {
                return messages;
            }

            try
            {
                await tick.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {Timeout.TotalSeconds:0} s for {what}; last seen: "
                    + string.Join(", ", messages.Select(m => $"{m.GetProperty("role")}/{m.GetProperty("status")}")));
            }
        }
    }
}
