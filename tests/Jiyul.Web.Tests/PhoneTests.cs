using Microsoft.Playwright;

namespace Jiyul.Web.Tests;

[Collection(BrowserTests.Collection)]
public sealed class PhoneTests(BrowserHubFixture fixture)
{
    [Fact]
    public async Task PhoneViewport_ChatFitsTheScreen_AndTheMenuOpensTheList()
    {
        await using var context = await fixture.NewContextAsync(phone: true, locale: "ko-KR");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await Assertions.Expect(page.GetByTestId("auth-submit")).ToHaveTextAsync("로그인");
        await WebUser.ScreenshotAsync(page, "signin-phone");
        await page.GetByTestId("language").SelectOptionAsync("en");
        await WebUser.RegisterAsync(page);

        var viewport = await page.Locator("meta[name=viewport]").GetAttributeAsync("content");
        Assert.Contains("width=device-width", viewport, StringComparison.Ordinal);
        Assert.Contains("viewport-fit=cover", viewport, StringComparison.Ordinal);

        // On a phone the list is a drawer: hidden until the menu button opens it.
        await Assertions.Expect(page.GetByTestId("new-conversation")).Not.ToBeVisibleAsync();
        await WebUser.SendAsync(page, "종합소득세 신고 기한은?");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        var composer = await page.GetByTestId("message-input").BoundingBoxAsync();
        Assert.NotNull(composer);
        Assert.True(composer.Y + composer.Height <= 844, $"the message box ends at {composer.Y + composer.Height}, below the screen");
        await WebUser.ScreenshotAsync(page, "chat-phone");

        await page.GetByTestId("menu").TapAsync();
        await Assertions.Expect(page.GetByTestId("new-conversation")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("conversation")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#sidebar")).ToHaveCSSAsync("transform", "none");
        await WebUser.ScreenshotAsync(page, "menu-phone");

        await page.GetByTestId("new-conversation").TapAsync();
        await Assertions.Expect(page.GetByTestId("new-conversation")).Not.ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("user-message")).ToHaveCountAsync(0);
    }
}
