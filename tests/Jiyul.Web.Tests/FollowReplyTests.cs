using Jiyul.Hub.Tests.Conversations;
using Microsoft.Playwright;

namespace Jiyul.Web.Tests;

[Collection(BrowserTests.Collection)]
public sealed class FollowReplyTests(BrowserHubFixture fixture)
{
    [Fact]
    public async Task ReloadMidReply_ShowsWhatArrivedThenTheRestAsItComes()
    {
        // The first piece is not yet in the store (a reply is written at most every second, when a piece arrives), so
        // only following the live reply can show it after a reload.
        var model = new ScriptedModelProvider();
        await using var hub = await MidReply.StartHubAsync(model);
        await using var context = await fixture.NewContextAsync(baseUrl: hub.BaseAddress.ToString().TrimEnd('/'));
        var page = await context.NewPageAsync();
        var hold = await MidReply.SendAndHoldAsync(page, model, "새로고침해도 이어서 보여 주세요");
        var reply = page.GetByTestId("assistant-message");

        await page.ReloadAsync();
        await Assertions.Expect(reply).ToContainTextAsync(ScriptedModelProvider.FirstPiece.Trim());
        await Assertions.Expect(reply).Not.ToContainTextAsync("끝.");
        hold.Release();

        await Assertions.Expect(reply).ToContainTextAsync("끝.");
        await Assertions.Expect(reply).ToHaveAttributeAsync("data-status", "complete");
    }
}
