using System.Net;
using System.Net.Http.Json;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Jiyul.Hub.Tests.Identity;

public sealed class SignInRateLimitTests
{
    [Fact]
    public async Task Login_PastSignInsPerMinute_Answers429WithRetryAfterAndReason()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Limits:SignInsPerMinute"] = "3" });
        using var register = await AuthClient.RegisterAsync(hub.Client, "guess@example.com");
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);

        for (var i = 0; i < 2; i++)
        {
            using var wrong = await AuthClient.LoginAsync(hub.Client, "guess@example.com", "Wrong-password-1");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var limited = await AuthClient.LoginAsync(hub.Client, "guess@example.com");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var problem = await limited.Content.ReadFromJsonAsync<ProblemDetails>().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("sign-in", problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithTheLimitOff_IsNeverRefused()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Limits:SignInsPerMinute"] = "0" });
        using var register = await AuthClient.RegisterAsync(hub.Client, "many@example.com");
        for (var i = 0; i < 15; i++)
        {
            using var login = await AuthClient.LoginAsync(hub.Client, "many@example.com");
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
    }
}
