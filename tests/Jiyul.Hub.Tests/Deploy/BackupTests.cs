using System.Net;
using System.Text.Json;
using Jiyul.Hub.Backup;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Tests.Conversations;
using Jiyul.Hub.Tests.Files;
using Jiyul.Hub.Tests.Infrastructure;
using static Jiyul.Hub.Tests.Identity.AuthClient;

namespace Jiyul.Hub.Tests.Deploy;

/// <summary>
/// Backup of a running hub with real data (an account, a conversation whose message attached a file, the file staged
/// in the workspace), then the hub and its data gone, then a restore onto an empty data directory and store, and a
/// new hub that finds everything: on SQLite and on PostgreSQL.
/// </summary>
public sealed class BackupTests
{
    private static readonly TimeSpan s_timeout = ConversationsClient.Timeout;

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task BackupWipeRestore_NewHubHasAccountsConversationsFilesAndWorkspaces(string kind)
    {
        var backupDirectory = Path.Combine(Directory.CreateTempSubdirectory("jiyul-backup-").FullName, "backup");
        var restoredData = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        var instance = "test-" + Guid.NewGuid().ToString("N")[..12];
        await using var firstStore = await TestStore.CreateAsync(kind);
        await using var secondStore = await TestStore.CreateAsync(kind);
        try
        {
            var email = NewEmail();
            var content = "보증금은 1억 원이고, 잔금일은 2027년 3월 1일입니다. " + Guid.NewGuid();
            Tokens tokens;
            Guid conversation;
            Guid fileId;
            string uidHash;
            await using (var first = await TestHub.StartAsync(firstStore.With()))
            {
                tokens = await RegisterAndLoginAsync(first.Client, email);
                var http = Bearer(first, tokens.AccessToken);
                var uid = (await ReadWhoAmIAsync(await WhoAmIAsync(first.Client, tokens.AccessToken))).Uid;
                uidHash = UidHash.Of(uid);
                var api = new ConversationsClient(http);
                conversation = await api.CreateIdAsync("임대차 계약");
                fileId = (await Uploads.UploadAsync(http, Samples.Text(content), "계약 메모.txt")).Id;
                await PostWithAttachmentAsync(api, conversation, fileId);

                // While the hub runs and its cell is up.
                var backup = await RunAsync("backup", backupDirectory, first.DataDirectory, firstStore);
                Assert.True(backup.Exit == BackupCommand.Done, backup.ToString());
                Assert.Contains("1 file blob(s)", backup.Output, StringComparison.Ordinal);
            }

            // The first hub's data directory and cells are gone with it; its store is not touched again.
            var restore = await RunAsync("restore", backupDirectory, restoredData, secondStore);
            Assert.True(restore.Exit == BackupCommand.Done, restore.ToString());

            await using var second = await TestHub.StartAsync(secondStore.With(), dataDirectory: restoredData, instance: instance);

            // The old access token is still good (the keys came back), and so is the password.
            Assert.Equal(HttpStatusCode.OK, (await WhoAmIAsync(second.Client, tokens.AccessToken)).StatusCode);
            var again = await RegisterAndLoginOrLoginAsync(second.Client, email);
            var restoredHttp = Bearer(second, again);
            var restoredApi = new ConversationsClient(restoredHttp);

            var list = await restoredApi.GetJsonAsync("/api/conversations");
            var item = Assert.Single(list.GetProperty("items").EnumerateArray());
            Assert.Equal((conversation, "임대차 계약"), (item.GetProperty("id").GetGuid(), item.GetProperty("title").GetString()));
            var messages = await restoredApi.MessagesAsync(conversation);
            Assert.Equal(["user/complete", "assistant/complete"],
                messages.Select(m => $"{m.GetProperty("role")}/{m.GetProperty("status")}"));
            Assert.Equal(fileId, messages[0].GetProperty("attachments")[0].GetProperty("id").GetGuid());
            Assert.False(string.IsNullOrEmpty(messages[1].GetProperty("content").GetString()));

            Assert.Equal(content, await restoredHttp.GetStringAsync($"/api/files/{fileId}").WaitAsync(s_timeout));

            var workspace = Path.Combine(restoredData, "cells", uidHash, "workspace");
            var staged = Path.Combine(workspace, "attachments", fileId.ToString("N"), "계약 메모.txt");
            Assert.Equal(content, await File.ReadAllTextAsync(staged));
            Assert.True(File.Exists(Path.Combine(workspace, "SOUL.md")));
            var owner = await ProcessRun.RunAsync("stat", ["-c", "%u", staged], s_timeout);
            Assert.Equal("10001", owner.Output.Trim());

            // The restored workspace works in a new cell: the next turn is answered and stored.
            var next = await restoredApi.ChatAsync(conversation, "잔금일이 언제였죠?");
            Assert.Equal("complete", JsonDocument.Parse(next[^1].Data).RootElement.GetProperty("status").GetString());
            Assert.Equal(4, (await restoredApi.MessagesAsync(conversation)).Count);
        }
        finally
        {
            await DockerCleanup.RemoveInstanceAsync(instance);
            Directory.Delete(Path.GetDirectoryName(backupDirectory)!, recursive: true);
            Directory.Delete(restoredData, recursive: true);
        }
    }

    [Fact]
    public async Task Restore_OntoADataDirectoryInUse_IsRefusedAndTouchesNothing()
    {
        var backupDirectory = Path.Combine(Directory.CreateTempSubdirectory("jiyul-backup-").FullName, "backup");
        try
        {
            await using var hub = await TestHub.StartAsync();
            await hub.SignUpAsync();
            var backup = await RunAsync("backup", backupDirectory, hub.DataDirectory, null);
            Assert.True(backup.Exit == BackupCommand.Done, backup.ToString());
            var before = File.GetLastWriteTimeUtc(Path.Combine(hub.DataDirectory, "jiyul.db"));

            var restore = await RunAsync("restore", backupDirectory, hub.DataDirectory, null);

            Assert.Equal(BackupCommand.Failed, restore.Exit);
            Assert.Contains("restored only onto an empty hub", restore.Error, StringComparison.Ordinal);
            Assert.Contains("jiyul.db exists", restore.Error, StringComparison.Ordinal);
            Assert.Equal(before, File.GetLastWriteTimeUtc(Path.Combine(hub.DataDirectory, "jiyul.db")));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(backupDirectory)!, recursive: true);
        }
    }

    [Fact]
    public async Task Restore_UnfinishedBackup_IsRefused()
    {
        var directory = Directory.CreateTempSubdirectory("jiyul-backup-").FullName;
        var data = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        try
        {
            var restore = await RunAsync("restore", directory, data, null);

            Assert.Equal(BackupCommand.Failed, restore.Exit);
            Assert.Contains("has no manifest.json", restore.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Backup_DataDirectoryWithoutAStore_IsRefusedAndMakesNoStore()
    {
        var directory = Path.Combine(Directory.CreateTempSubdirectory("jiyul-backup-").FullName, "backup");
        var data = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        try
        {
            var backup = await RunAsync("backup", directory, data, null);

            Assert.Equal(BackupCommand.Failed, backup.Exit);
            Assert.Contains($"There is no store at {data}/jiyul.db", backup.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(data, "jiyul.db")));
            Assert.False(Directory.Exists(directory));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(directory)!, recursive: true);
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task PostWithAttachmentAsync(ConversationsClient api, Guid conversation, Guid fileId)
    {
        var body = new { content = "이 메모의 잔금일은?", attachments = new[] { fileId } };
        using var answer = await api.PostAsync(conversation, body);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        await using var events = new ReplyEventStream(await answer.Content.ReadAsStreamAsync().WaitAsync(s_timeout));
        var all = await events.ReadToEndAsync();
        Assert.Equal("complete", JsonDocument.Parse(all[^1].Data).RootElement.GetProperty("status").GetString());
    }

    private static async Task<string> RegisterAndLoginOrLoginAsync(HttpClient client, string email)
    {
        using var login = await LoginAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<Tokens>(login.Content).WaitAsync(CallTimeout))!
            .AccessToken;
    }

    private static HttpClient Bearer(TestHub hub, string token)
    {
        var client = new HttpClient { BaseAddress = hub.BaseAddress, Timeout = TimeSpan.FromSeconds(180) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs the hub's own backup or restore command in this process, as <c>./jiyul backup</c> runs it.</summary>
    internal static async Task<CommandResult> RunAsync(string verb, string directory, string dataDirectory, TestStore? store)
    {
        List<string> args =
        [
            verb, directory,
            $"--Hub:DataDirectory={dataDirectory}",
            $"--Hub:PackDirectory={RepositoryRoot.Combine("packs", "legal-tax-ko")}",
        ];
        args.AddRange((store?.Settings ?? new Dictionary<string, string?>()).Select(s => $"--{s.Key}={s.Value}"));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await BackupCommand.RunAsync([.. args], output, error).WaitAsync(TimeSpan.FromMinutes(3));
        return new CommandResult(exit, output.ToString(), error.ToString());
    }

    internal sealed record CommandResult(int Exit, string Output, string Error)
    {
        public override string ToString() => $"exit {Exit}\n{Output}\n{Error}";
    }
}
