using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Jiyul.Hub.Models;
using Jiyul.Hub.Tests.Conversations;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Jiyul.Hub.Tests.Identity.AuthClient;

namespace Jiyul.Hub.Tests.Deploy;

/// <summary>A real nginx in front of a real hub, configured with deploy/nginx/jiyul-proxy.conf.</summary>
public sealed class NginxStreamingTests
{
    private static readonly TimeSpan s_timeout = ConversationsClient.Timeout;

    [Fact]
    public async Task StreamedReply_ThroughNginx_ArrivesPieceByPieceBeforeTheEnd()
    {
        var model = new GatedModelProvider("하나. ", "둘. ", "셋. ", "넷. ", "끝.");
        await using var hub = await TestHub.StartAsync(services: s => s.AddSingleton<IModelProvider>(model));
        await using var nginx = await NginxServer.StartAsync(hub.BaseAddress);
        using var viaNginx = new HttpClient { BaseAddress = nginx.BaseAddress, Timeout = s_timeout };
        var tokens = await RegisterAndLoginAsync(viaNginx, NewEmail());
        viaNginx.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
        var api = new ConversationsClient(viaNginx);
        var id = await api.CreateIdAsync();

        using var answer = await api.PostAsync(id, new { content = "천천히 답해 주세요" });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/event-stream", answer.Content.Headers.ContentType?.MediaType);
        await using var events = new ReplyEventStream(await answer.Content.ReadAsStreamAsync().WaitAsync(s_timeout));

        // Each next piece leaves the model only once the last one has come out of nginx: had nginx held the stream
        // back, the first wait would never end. The arrival times are only kept to show they are all different.
        var arrivals = new List<(string Text, long At)>();
        foreach (var _ in model.Pieces)
        {
            var delta = await events.NextOfTypeAsync("delta");
            arrivals.Add((JsonDocument.Parse(delta.Data).RootElement.GetProperty("text").GetString()!, Stopwatch.GetTimestamp()));
            model.SendNext();
        }

        var done = JsonDocument.Parse((await events.NextOfTypeAsync("done")).Data).RootElement;
        var end = Stopwatch.GetTimestamp();

        Assert.Equal(model.Pieces, arrivals.Select(a => a.Text));
        Assert.Equal(arrivals.Count, arrivals.Select(a => a.At).Distinct().Count());
        Assert.All(arrivals, a => Assert.True(a.At < end));
        Assert.Equal("complete", done.GetProperty("status").GetString());
        Assert.Equal(string.Concat(model.Pieces), done.GetProperty("content").GetString());
    }

    [Fact]
    public async Task SignIn_ThroughNginx_IsCountedPerClientAddressNginxForwards()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Limits:SignInsPerMinute"] = "1" });
        await using var nginx = await NginxServer.StartAsync(hub.BaseAddress);
        using var viaNginx = new HttpClient { BaseAddress = nginx.BaseAddress, Timeout = s_timeout };

        // nginx replaces whatever X-Forwarded-For the client sent with the address it sees (127.0.0.1 here), so a
        // client cannot buy itself a fresh allowance by making up addresses.
        using var first = await LoginWithForgedAddressAsync(viaNginx, "203.0.113.1");
        using var second = await LoginWithForgedAddressAsync(viaNginx, "203.0.113.2");

        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    [Fact]
    public async Task SiteConfig_WithCertificateAndPathsFilledIn_PassesNginxCheck()
    {
        var nginx = ProcessRun.Require("nginx", "./jiyul test installs the Debian package nginx");
        var openssl = ProcessRun.Require("openssl", "it comes with Debian's openssl package, which the SDK needs");
        var directory = Directory.CreateTempSubdirectory("jiyul-nginx-").FullName;
        try
        {
            var (certificate, key) = (Path.Combine(directory, "cert.pem"), Path.Combine(directory, "key.pem"));
            var made = await ProcessRun.RunAsync(openssl,
                ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1",
                 "-subj", "/CN=jiyul.example.com", "-keyout", key, "-out", certificate], s_timeout);
            Assert.True(made.ExitCode == 0, made.ToString());
            var site = (await File.ReadAllTextAsync(RepositoryRoot.Combine("deploy", "nginx", "jiyul.conf")))
                .Replace("/etc/letsencrypt/live/jiyul.example.com/fullchain.pem", certificate, StringComparison.Ordinal)
                .Replace("/etc/letsencrypt/live/jiyul.example.com/privkey.pem", key, StringComparison.Ordinal)
                .Replace("/opt/jiyul/", RepositoryRoot.Path + "/", StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(directory, "site.conf"), site);
            await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
                pid {{directory}}/nginx.pid;
                error_log {{directory}}/error.log;
                events { }
                http { include {{directory}}/site.conf; }
                """);

            var check = await ProcessRun.RunAsync(nginx, ["-t", "-p", directory, "-c", Path.Combine(directory, "nginx.conf")], s_timeout);

            Assert.True(check.ExitCode == 0, check.ToString());
            Assert.Contains("test is successful", check.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<HttpResponseMessage> LoginWithForgedAddressAsync(HttpClient client, string forged)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email = NewEmail(), password = Password }),
        };
        request.Headers.Add("X-Forwarded-For", forged);
        return await client.SendAsync(request).WaitAsync(CallTimeout);
    }
}
