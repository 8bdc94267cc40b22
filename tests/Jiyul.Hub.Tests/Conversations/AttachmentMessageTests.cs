using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Hosting;
using Jiyul.Hub.Models;
using Jiyul.Hub.Tests.Files;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Jiyul.Hub.Tests.Conversations;

/// <summary>Messages that attach files, against real agent cells: staged in the workspace, told to the model, kept.</summary>
public sealed class AttachmentMessageTests
{
    private static readonly TimeSpan s_timeout = ConversationsClient.Timeout;

    [Fact]
    public async Task PostMessage_WithPdf_StagesItSendsPathAndTextToTheModelAndListsIt()
    {
        var model = new ScriptedModelProvider();
        await using var hub = await TestHub.StartAsync(services: s => s.AddSingleton<IModelProvider>(model));
        var (http, uid) = await hub.SignUpAsync();
        var api = new ConversationsClient(http);
        var id = await api.CreateIdAsync();
        var pdf = await Uploads.UploadAsync(http, Samples.Pdf("The deposit is 100,000,000 won, due on 1 March 2027."), "lease.pdf");

        var events = await PostAsync(api, id, new { content = "What does the lease say?", attachments = new[] { pdf.Id } });

        var first = JsonDocument.Parse(events[0].Data).RootElement;
        Assert.Equal("message", events[0].EventType);
        Assert.Equal([(pdf.Id, "lease.pdf")], Attachments(first));
        Assert.Equal("What does the lease say?", first.GetProperty("content").GetString());

        var inCell = $"{CellPaths.Workspace}/attachments/{pdf.Id:N}/lease.pdf";
        var sent = LastUserMessage(model);
        Assert.StartsWith("What does the lease say?", sent, StringComparison.Ordinal);
        Assert.Contains("file: " + inCell, sent, StringComparison.Ordinal);
        Assert.Contains("text: " + inCell + ".txt", sent, StringComparison.Ordinal);
        Assert.Contains("<attachment name=\"lease.pdf\">", sent, StringComparison.Ordinal);
        Assert.Contains("100,000,000 won", sent, StringComparison.Ordinal);

        var workspace = hub.Services.GetRequiredService<HubPaths>().WorkspaceDirectory(UidHash.Of(uid));
        var onHost = Path.Combine(workspace, "attachments", pdf.Id.ToString("N"), "lease.pdf");
        Assert.Equal(await http.GetByteArrayAsync($"/api/files/{pdf.Id}").WaitAsync(s_timeout), await File.ReadAllBytesAsync(onHost));

        var messages = await api.MessagesAsync(id);
        Assert.Equal([(pdf.Id, "lease.pdf")], Attachments(messages[0]));
        Assert.Empty(Attachments(messages[1]));

        // A later turn still carries the file, so the assistant can go on talking about it.
        await api.ChatAsync(id, "And when is it due?");
        var history = model.Requests.Last()["messages"]!.AsArray()
            .Where(m => m!["role"]!.GetValue<string>() == "user").Select(m => m!["content"]!.GetValue<string>()).ToList();
        Assert.Equal(2, history.Count);
        Assert.Contains("100,000,000 won", history[0], StringComparison.Ordinal);
        Assert.Equal("And when is it due?", history[1]);
    }

    [Fact]
    public async Task PostMessage_WithDocx_OfflineModelQuotesTheMatchingPartOfTheFile()
    {
        await using var hub = await TestHub.StartAsync();
        var (http, _) = await hub.SignUpAsync();
        var api = new ConversationsClient(http);
        var id = await api.CreateIdAsync();
        var docx = await Uploads.UploadAsync(http,
            Samples.Docx("주택 임대차 계약서", "제1조 임대인은 갑, 임차인은 을로 한다.", "제2조 보증금은 금 일억 원으로 하며 계약일에 지급한다."),
            "계약서.docx");

        var events = await PostAsync(api, id, new { content = "이 계약서의 보증금은 얼마인가요?", attachments = new[] { docx.Id } });

        var done = JsonDocument.Parse(events[^1].Data).RootElement;
        Assert.Equal("complete", done.GetProperty("status").GetString());
        var reply = done.GetProperty("content").GetString()!;
        Assert.Contains("「계약서.docx」", reply, StringComparison.Ordinal);
        Assert.Contains("> 제2조 보증금은 금 일억 원으로", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMessage_AnotherUsersOrUnknownFile_Is400AndStoresAndStagesNothing()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["Conversations:MaxAttachments"] = "2",
            ["Limits:MessagesPerMinute"] = "0",
        });
        var (owner, ownerUid) = await hub.SignUpAsync();
        var (other, _) = await hub.SignUpAsync();
        var theirs = await Uploads.UploadAsync(other, Samples.Text("someone else's notes"), "notes.txt");
        var mine = await Uploads.UploadAsync(owner, Samples.Text("my notes"), "mine.txt");
        var api = new ConversationsClient(owner);
        var id = await api.CreateIdAsync();

        var problem = await ProblemAsync(api, id, new { content = "read this", attachments = new[] { mine.Id, theirs.Id } });
        Assert.Equal((400, "unknown-attachment"), (problem.Status, problem.Reason));
        Assert.Contains(theirs.Id.ToString(), problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("someone else", problem.Detail, StringComparison.Ordinal);

        var unknown = await ProblemAsync(api, id, new { content = "read this", attachments = new[] { Guid.NewGuid() } });
        Assert.Equal((400, "unknown-attachment"), (unknown.Status, unknown.Reason));

        var many = await ProblemAsync(api, id, new { content = "read", attachments = new[] { mine.Id, Guid.NewGuid(), Guid.NewGuid() } });
        Assert.Equal((400, "too-many-attachments"), (many.Status, many.Reason));

        Assert.Empty(await api.MessagesAsync(id));
        var workspace = hub.Services.GetRequiredService<HubPaths>().WorkspaceDirectory(UidHash.Of(ownerUid));
        Assert.False(Directory.Exists(Path.Combine(workspace, "attachments")) &&
                     Directory.EnumerateFileSystemEntries(Path.Combine(workspace, "attachments")).Any(),
            "nothing may be staged for a refused message");
        Assert.Empty(await new TestDocker().ListAsync(hub.Instance));
    }

    private static async Task<List<System.Net.ServerSentEvents.SseItem<string>>> PostAsync(ConversationsClient api, Guid id, object body)
    {
        using var answer = await api.PostAsync(id, body);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        await using var events = new ReplyEventStream(await answer.Content.ReadAsStreamAsync().WaitAsync(s_timeout));
        return await events.ReadToEndAsync();
    }

    private static async Task<ProblemShape> ProblemAsync(ConversationsClient api, Guid id, object body)
    {
        using var answer = await api.PostAsync(id, body);
        return (await answer.Content.ReadFromJsonAsync<ProblemShape>().WaitAsync(s_timeout))!;
    }

    private static string LastUserMessage(ScriptedModelProvider model) => model.Requests.Last()["messages"]!.AsArray()
        .Last(m => m!["role"]!.GetValue<string>() == "user")!["content"]!.GetValue<string>();

    private static List<(Guid, string)> Attachments(JsonElement message) => [.. message.GetProperty("attachments").EnumerateArray()
        .Select(a => (a.GetProperty("id").GetGuid(), a.GetProperty("name").GetString()!))];
}
