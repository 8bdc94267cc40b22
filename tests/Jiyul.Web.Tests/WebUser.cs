using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Jiyul.Web.Tests;

/// <summary>What a person does in the app, step by step, as the tests need it.</summary>
internal static class WebUser
{
    public const string Password = "Correct-horse-9-battery";

    public static string NewEmail() => $"w{Guid.NewGuid():N}@example.test";

    /// <summary>Creates an account through the sign-in screen and waits for the chat screen.</summary>
    public static async Task<string> RegisterAsync(IPage page, string? email = null)
    {
        email ??= NewEmail();
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "New here? Create an account" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByTestId("auth-submit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/chat$"));
        await page.GetByTestId("message-input").WaitForAsync();
        return email;
    }

    /// <summary>Sends a message and waits until its reply is stored whole; answers the reply's text.</summary>
    public static async Task<string> SendAsync(IPage page, string text)
    {
        var before = await page.GetByTestId("assistant-message").CountAsync();
        await page.GetByTestId("message-input").FillAsync(text);
        await page.GetByTestId("send").ClickAsync();
        var reply = page.GetByTestId("assistant-message").Nth(before);
        await Assertions.Expect(reply).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = 90_000 });
        return await reply.InnerTextAsync();
    }

    /// <summary>Saves a screenshot under test-artifacts/screenshots (not committed; docs/screenshots holds chosen ones).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = RepositoryRoot.Combine("test-artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, name + ".png") });
    }
}
