using Jiyul.Hub.Models;
using Jiyul.Hub.Tests.Conversations;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Jiyul.Web.Tests;

[Collection(BrowserTests.Collection)]
public sealed class FollowReplyTests(BrowserHubFixture fixture)
{
    [Fact]
    public async Task ReloadMidReply_ShowsWhatArrivedThenTheRestAsItComes()
    {
        // The model holds its answer after the first piece. That piece is not yet in the store (the reply is written
        // at most every second, when a piece arrives), so only following the live reply can show it after a reload.
        var model = new ScriptedModelProvider();
        await using var hub = await TestHub.StartAsync(
            new Dictionary<string, string?>
            {
                ["Hub:WebDirectory"] = RepositoryRoot.Combine("web", "out"),
                ["Limits:SignInsPerMinute"] = "0",
            },
            services: s => s.AddSingleton<IModelProvider>(model)).WaitAsync(TestHub.StartTimeout);
        await using var context = await fixture.NewContextAsync(baseUrl: hub.BaseAddress.ToString().TrimEnd('/'));
        var page = await context.NewPageAsync();
        await WebUser.RegisterAsync(page);
        var hold = model.HoldNext();

        await page.GetByTestId("message-input").FillAsync("새로고침해도 이어서 보여 주세요");
        await page.GetByTestId("send").ClickAsync();
        await hold.FirstPieceSent.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var reply = page.GetByTestId("assistant-message");
        await Assertions.Expect(reply).ToContainTextAsync(ScriptedModelProvider.FirstPiece.Trim());

        await page.ReloadAsync();
        await Assertions.Expect(reply).ToContainTextAsync(ScriptedModelProvider.FirstPiece.Trim());
        await Assertions.Expect(reply).Not.ToContainTextAsync("끝.");
        hold.Release();

        await Assertions.Expect(reply).ToContainTextAsync("끝.");
        await Assertions.Expect(reply).ToHaveAttributeAsync("data-status", "complete");
    }
}
