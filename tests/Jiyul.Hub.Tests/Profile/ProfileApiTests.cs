using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Hosting;
using Jiyul.Hub.Models;
using Jiyul.Hub.Models.Offline;
using Jiyul.Hub.Tests.Infrastructure;
using Jiyul.Hub.Tests.OpenClaw;
using Microsoft.Extensions.DependencyInjection;

namespace Jiyul.Hub.Tests.Profile;

/// <summary><c>/api/me</c>: the profile stored, USER.md in the workspace rewritten from it, bad input refused.</summary>
public sealed class ProfileApiTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private static readonly JsonSerializerOptions s_plainJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Put_ThenUserFile_HoldsTheProfileAndAnotherUserIsUnaffected(string store)
    {
        await using var data = await TestStore.CreateAsync(store);
        await using var hub = await TestHub.StartAsync(data.With());
        var (alice, aliceUid) = await hub.SignUpAsync();
        var (bob, bobUid) = await hub.SignUpAsync();
        using var bobBefore = await PutAsync(bob, new { displayName = "Bob", language = "en", about = "Bob's own note." });
        Assert.Equal(HttpStatusCode.OK, bobBefore.StatusCode);
        var bobFile = await File.ReadAllTextAsync(UserFile(hub, bobUid));

        using var put = await PutAsync(alice, new
        {
            displayName = "  김지율  ",
            language = "KO-kr",
            about = "서울에서 작은 가게를 운영합니다.\r\n부가가치세 신고를 혼자 합니다.",
        });
        var answer = await put.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(s_timeout);
        var read = await alice.GetFromJsonAsync<JsonElement>("/api/me").WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("""{"displayName":"김지율","language":"ko-KR","about":"서울에서 작은 가게를 운영합니다.\n부가가치세 신고를 혼자 합니다."}""",
            Plain(answer));
        Assert.Equal(Plain(answer), Plain(read));
        var userFile = UserFile(hub, aliceUid);
        var text = await File.ReadAllTextAsync(userFile);
        Assert.Contains("- Name: 김지율\n", text, StringComparison.Ordinal);
        Assert.Contains("- Preferred language: ko-KR\n", text, StringComparison.Ordinal);
        Assert.Contains("서울에서 작은 가게를 운영합니다.\n부가가치세 신고를 혼자 합니다.", text, StringComparison.Ordinal);
        Assert.Equal("10001:10001", await OwnerOfAsync(userFile));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(userFile)!, "*.tmp"));

        Assert.Equal(bobFile, await File.ReadAllTextAsync(UserFile(hub, bobUid)));
        var bobRead = await bob.GetFromJsonAsync<JsonElement>("/api/me").WaitAsync(s_timeout);
        Assert.Equal("""{"displayName":"Bob","language":"en","about":"Bob's own note."}""", Plain(bobRead));
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Put_ThenHubRestarted_ProfileIsKept(string store)
    {
        await using var data = await TestStore.CreateAsync(store);
        var directory = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        var instance = "test-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            System.Net.Http.Headers.AuthenticationHeaderValue? token;
            await using (var first = await TestHub.StartAsync(data.With(), dataDirectory: directory, instance: instance))
            {
                var (alice, _) = await first.SignUpAsync();
                token = alice.DefaultRequestHeaders.Authorization;
                using var put = await PutAsync(alice, new { displayName = "Alice", language = "en-GB", about = "" });
                Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            }

            await using var second = await TestHub.StartAsync(data.With(), dataDirectory: directory, instance: instance);
            using var again = new HttpClient { BaseAddress = second.BaseAddress, Timeout = s_timeout };
            again.DefaultRequestHeaders.Authorization = token;
            var read = await again.GetFromJsonAsync<JsonElement>("/api/me").WaitAsync(s_timeout);

            Assert.Equal("""{"displayName":"Alice","language":"en-GB","about":""}""", Plain(read));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Get_NoProfileYet_AnswersWhatTheSignInSays()
    {
        await using var hub = await TestHub.StartAsync();
        var email = $"jiyul{Guid.NewGuid():N}@example.test";
        var (client, _) = await hub.SignUpAsync(email);

        var read = await client.GetFromJsonAsync<JsonElement>("/api/me").WaitAsync(s_timeout);

        Assert.Equal($$"""{"displayName":"{{email.Split('@')[0]}}","language":"ko","about":""}""", Plain(read));
    }

    [Theory]
    [InlineData("""{"displayName":"A","about":"x"}""", "language-missing")]
    [InlineData("""{"displayName":"A","language":"   "}""", "language-missing")]
    [InlineData("""{"displayName":"A","language":"korean"}""", "language-invalid")]
    [InlineData("""{"displayName":"A","language":"ko_KR"}""", "language-invalid")]
    [InlineData("""{"displayName":"A","language":"ko-KR; rm -rf"}""", "language-invalid")]
    [InlineData("""{"displayName":"A\nB","language":"ko"}""", "display-name-invalid")]
    [InlineData("""{"displayName":"evil\u202Etxt.exe","language":"ko"}""", "display-name-invalid")]
    [InlineData("""{"displayName":"A","language":"ko","about":"bell \u0007"}""", "about-invalid")]
    [InlineData("""{"displayName":5,"language":"ko"}""", "body-invalid")]
    [InlineData("""{"displayName":"A","language":"ko" """, "body-invalid")]
    [InlineData("not json", "body-invalid")]
    [InlineData("", "body-missing")]
    [InlineData("null", "body-missing")]
    public async Task Put_BadInput_AnswersProblemWithReasonAndKeepsTheProfile(string body, string reason)
    {
        await using var hub = await TestHub.StartAsync();
        var (client, uid) = await hub.SignUpAsync();
        using (var good = await PutAsync(client, new { displayName = "Kept", language = "ko", about = "kept" }))
        {
            Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        }

        var before = await File.ReadAllTextAsync(UserFile(hub, uid));

        using var bad = await client.PutAsync("/api/me", new StringContent(body, Encoding.UTF8, "application/json"))
            .WaitAsync(s_timeout);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        var read = await client.GetFromJsonAsync<JsonElement>("/api/me").WaitAsync(s_timeout);
        Assert.Equal("""{"displayName":"Kept","language":"ko","about":"kept"}""", Plain(read));
        Assert.Equal(before, await File.ReadAllTextAsync(UserFile(hub, uid)));
    }

    [Theory]
    [InlineData("displayName", 100, 101, "display-name-too-long")]
    [InlineData("about", 4000, 4001, "about-too-long")]
    public async Task Put_FieldAtAndPastItsLimit_AcceptsThenRefuses(string field, int longest, int tooLong, string reason)
    {
        await using var hub = await TestHub.StartAsync();
        var (client, _) = await hub.SignUpAsync();

        using var fits = await PutAsync(client, new Dictionary<string, string> { ["language"] = "ko", [field] = new string('가', longest) });
        using var over = await PutAsync(client, new Dictionary<string, string> { ["language"] = "ko", [field] = new string('가', tooLong) });
        var problem = await over.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains(tooLong.ToString(CultureInfo.InvariantCulture), detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_WithoutToken_Is401()
    {
        await using var hub = await TestHub.StartAsync();

        using var get = await hub.Client.GetAsync("/api/me").WaitAsync(s_timeout);
        using var put = await hub.Client.PutAsJsonAsync("/api/me", new { language = "ko" }).WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
    }

    [Fact]
    public async Task Put_WhileAgentCellRuns_NextTurnSeesTheNewProfile()
    {
        RecordingModelProvider recorder = null!;
        await using var hub = await TestHub.StartAsync(services: s => s.AddSingleton<IModelProvider>(provider =>
            recorder = new RecordingModelProvider(provider.GetRequiredService<OfflineModelProvider>())));
        var (client, uid) = await hub.SignUpAsync();
        using (var ensure = await client.PostAsync("/ensure", null).WaitAsync(s_timeout))
        {
            Assert.Equal(HttpStatusCode.OK, ensure.StatusCode);
        }

        await ChatAsync(client, uid);
        var marker = "Name-" + Guid.NewGuid().ToString("N")[..10];
        using (var put = await PutAsync(client, new { displayName = marker, language = "en", about = "Runs a bakery." }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        await ChatAsync(client, uid);

        var prompts = recorder.Requests.Select(SystemText).ToList();
        Assert.True(prompts.Count >= 2, $"expected two model requests, saw {prompts.Count}");
        Assert.DoesNotContain(marker, prompts[0], StringComparison.Ordinal);
        Assert.Contains($"- Name: {marker}", prompts[^1], StringComparison.Ordinal);
        Assert.Contains("Runs a bakery.", prompts[^1], StringComparison.Ordinal);
    }

    internal static Task<HttpResponseMessage> PutAsync(HttpClient client, object body) =>
        client.PutAsJsonAsync("/api/me", body).WaitAsync(s_timeout);

    internal static string UserFile(TestHub hub, string uid) =>
        Path.Combine(hub.Services.GetRequiredService<HubPaths>().WorkspaceDirectory(UidHash.Of(uid)), WorkspaceSeeder.UserFile);

    internal static string SystemText(System.Text.Json.Nodes.JsonObject request) => string.Concat(request["messages"]!.AsArray()
        .Where(m => m?["role"]?.GetValue<string>() is "system" or "developer")
        .Select(m => m!["content"]?.ToString() ?? ""));

    private static async Task ChatAsync(HttpClient client, string uid)
    {
        using var chat = await client.PostAsJsonAsync($"/proxy/{uid}/v1/chat/completions",
            new { model = "jiyul", messages = new[] { new { role = "user", content = "부가가치세 신고 기한은?" } } }).WaitAsync(s_timeout);
        Assert.True(chat.StatusCode == HttpStatusCode.OK, $"{(int)chat.StatusCode}: {await chat.Content.ReadAsStringAsync()}");
    }

    private static async Task<string> OwnerOfAsync(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%u:%g", path]) { RedirectStandardOutput = true })!;
        var owner = await stat.StandardOutput.ReadToEndAsync().WaitAsync(s_timeout);
        await stat.WaitForExitAsync().WaitAsync(s_timeout);
        return owner.Trim();
    }

    private static string Plain(JsonElement element) => JsonSerializer.Serialize(element, s_plainJson);
}
