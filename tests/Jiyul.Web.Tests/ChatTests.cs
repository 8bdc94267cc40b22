using System.Text.RegularExpressions;
using Jiyul.Hub.Tests.Files;
using Microsoft.Playwright;

namespace Jiyul.Web.Tests;

[Collection(BrowserTests.Collection)]
public sealed partial class ChatTests(BrowserHubFixture fixture)
{
    [Fact]
    public async Task Register_Chat_ReplyStreamsIn_AndHistoryStaysAfterReload()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await WebUser.ScreenshotAsync(page, "signin-desktop");
        await WebUser.RegisterAsync(page);

        // Every state the reply's element goes through, seen from inside the page.
        await page.EvaluateAsync("""
            () => {
              window.__statuses = [];
              new MutationObserver(() => {
                for (const m of document.querySelectorAll('[data-testid=assistant-message]')) {
                  window.__statuses.push(m.dataset.status + ':' + m.textContent.length);
                }
              }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
            }
            """);
        var reply = await WebUser.SendAsync(page, "종합소득세 신고 기한은?");

        Assert.Contains("5월", reply, StringComparison.Ordinal);
        var statuses = await page.EvaluateAsync<string[]>("() => window.__statuses");
        Assert.Contains(statuses, s => s.StartsWith("streaming:", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("conversation")).ToHaveCountAsync(1);
        await Assertions.Expect(page).ToHaveURLAsync(ConversationAddress());
        await WebUser.ScreenshotAsync(page, "chat-desktop");

        await page.ReloadAsync();

        await Assertions.Expect(page.GetByTestId("user-message").Locator(".plain")).ToHaveTextAsync(["종합소득세 신고 기한은?"]);
        await Assertions.Expect(page.GetByTestId("assistant-message")).ToHaveCountAsync(1);
        Assert.Equal(reply, await page.GetByTestId("assistant-message").InnerTextAsync());
        await Assertions.Expect(page.GetByTestId("conversation")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task AttachPdf_AskAboutIt_ReplyQuotesTheFile()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await WebUser.RegisterAsync(page);

        await page.GetByTestId("file-input").SetInputFilesAsync(new FilePayload
        {
            Name = "lease.pdf",
            MimeType = "application/pdf",
            Buffer = Samples.Pdf("The monthly rent under this lease is 1,850,000 won, due on the 25th."),
        });
        var upload = page.GetByTestId("upload");
        await Assertions.Expect(upload).ToContainTextAsync("lease.pdf");
        await Assertions.Expect(upload.Locator("progress")).ToHaveCountAsync(0);
        var reply = await WebUser.SendAsync(page, "What is the monthly rent under this lease?");

        Assert.Contains("1,850,000", reply, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("user-message").Locator(".chip")).ToContainTextAsync("lease.pdf");
        await Assertions.Expect(page.GetByTestId("upload")).ToHaveCountAsync(0);
        await WebUser.ScreenshotAsync(page, "attachment-desktop");
    }

    [Fact]
    public async Task SecondUser_SeesNoneOfTheFirstUsersConversations()
    {
        await using var first = await fixture.NewContextAsync();
        var firstPage = await first.NewPageAsync();
        await WebUser.RegisterAsync(firstPage);
        await WebUser.SendAsync(firstPage, "부가가치세 신고는 언제 하나요?");
        var firstAddress = firstPage.Url;
        Assert.Matches(ConversationAddress(), firstAddress);

        await using var second = await fixture.NewContextAsync();
        var secondPage = await second.NewPageAsync();
        await WebUser.RegisterAsync(secondPage);

        await Assertions.Expect(secondPage.GetByText("No conversations yet.")).ToBeVisibleAsync();
        await Assertions.Expect(secondPage.GetByTestId("conversation")).ToHaveCountAsync(0);

        // Even the first user's address shows nothing of it: the hub answers 404 and the app goes to a new chat.
        await secondPage.GotoAsync(firstAddress);
        await Assertions.Expect(secondPage).ToHaveURLAsync(new Regex("/chat$"));
        await Assertions.Expect(secondPage.GetByTestId("user-message")).ToHaveCountAsync(0);
        Assert.DoesNotContain("부가가치세", await secondPage.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenameAndDelete_ChangeTheList()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await WebUser.RegisterAsync(page);
        await WebUser.SendAsync(page, "상속세 신고 기한은?");

        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Rename") }).ClickAsync();
        await page.GetByLabel("New title").FillAsync("My inheritance question");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("conversation")).ToHaveTextAsync(new Regex("My inheritance question"));
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My inheritance question" })).ToBeVisibleAsync();

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Delete") }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("conversation")).ToHaveCountAsync(0);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/chat$"));
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText("No conversations yet.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ReplyMarkdown_IsRenderedWithoutRawHtmlOrScriptLinks()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await WebUser.RegisterAsync(page);

        // The hub's reply stream is replaced by one carrying hostile Markdown, as a model could write it.
        const string hostile = "**bold** <img src=x onerror=\"window.__pwned=1\"> <script>window.__pwned=2</script> "
            + "[click](javascript:window.__pwned=3) [source](https://law.go.kr) 1월 1일~12월 31일";
        await page.RouteAsync("**/api/conversations/*/messages", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            var now = DateTimeOffset.UtcNow.ToString("O");
            var text = System.Text.Json.JsonSerializer.Serialize(hostile);
            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 200,
                ContentType = "text/event-stream",
                Body = $$"""
                    event: message
                    data: {"id":"u1","role":"user","content":"hi","status":"complete","createdAt":"{{now}}","attachments":[]}

                    event: reply
                    data: {"id":"r1","role":"assistant","content":"","status":"streaming","createdAt":"{{now}}"}

                    event: delta
                    data: {"text":{{text}}}

                    event: done
                    data: {"id":"r1","role":"assistant","content":{{text}},"status":"complete","createdAt":"{{now}}"}


                    """,
            });
        });
        await WebUser.SendAsync(page, "hi");

        var reply = page.GetByTestId("assistant-message");
        await Assertions.Expect(reply.Locator("strong")).ToHaveTextAsync("bold");
        await Assertions.Expect(reply.Locator("img")).ToHaveCountAsync(0);
        await Assertions.Expect(reply.Locator("script")).ToHaveCountAsync(0);
        await Assertions.Expect(reply.Locator("del")).ToHaveCountAsync(0);
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        var hrefs = await reply.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href') || '')");
        Assert.Contains("https://law.go.kr", hrefs);
        Assert.DoesNotContain(hrefs, h => h.StartsWith("javascript", StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"/chat\?c=[0-9a-f-]{36}$")]
    private static partial Regex ConversationAddress();
}
