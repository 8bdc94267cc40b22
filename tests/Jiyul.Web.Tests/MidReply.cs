using Jiyul.Hub.Models;
using Jiyul.Hub.Tests.Conversations;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Jiyul.Web.Tests;

/// <summary>
/// A hub of its own serving the web app, whose model holds its answer after the first piece, so a test can act in the
/// browser while a reply is surely mid-stream.
/// </summary>
internal static class MidReply
{
    public static Task<TestHub> StartHubAsync(ScriptedModelProvider model) => TestHub.StartAsync(
        new Dictionary<string, string?>
        {
            ["Hub:WebDirectory"] = RepositoryRoot.Combine("web", "out"),
            ["Limits:SignInsPerMinute"] = "0",
        },
        services: s => s.AddSingleton<IModelProvider>(model)).WaitAsync(TestHub.StartTimeout);

    /// <summary>
    /// Registers, sends <paramref name="text"/>, and waits until the first piece of the reply is on the page; the
    /// answered hold lets the rest of the reply come.
    /// </summary>
    public static async Task<ScriptedModelProvider.Hold> SendAndHoldAsync(IPage page, ScriptedModelProvider model, string text)
    {
        await WebUser.RegisterAsync(page);
        var hold = model.HoldNext();
        await page.GetByTestId("message-input").FillAsync(text);
        await page.GetByTestId("send").ClickAsync();
        await hold.FirstPieceSent.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await Assertions.Expect(page.GetByTestId("assistant-message")).ToContainTextAsync(ScriptedModelProvider.FirstPiece.Trim());
        return hold;
    }
}
