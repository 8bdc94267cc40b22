using System.Security.Claims;
using Jiyul.Hub.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Time.Testing;

namespace Jiyul.Hub.Tests.Identity;

public sealed class VerifiedTicketCacheTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Unprotect_SameTokenTwice_DecryptsOnceAndHandsOutSeparateCopies()
    {
        var inner = new CountingFormat(s_now.AddHours(1));
        var cache = new VerifiedTicketCache(inner, new FakeTimeProvider(s_now));

        var first = cache.Unprotect("token-a");
        var second = cache.Unprotect("token-a");

        Assert.Equal(1, inner.Calls);
        Assert.Equal("user-1", second!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.NotSame(first!.Principal, second.Principal);
        ((ClaimsIdentity)second.Principal.Identity!).AddClaim(new Claim("added", "by one request"));
        Assert.Null(cache.Unprotect("token-a")!.Principal.FindFirst("added"));
    }

    [Fact]
    public void Unprotect_AfterExpiry_AsksTheInnerFormatAgain()
    {
        var time = new FakeTimeProvider(s_now);
        var inner = new CountingFormat(s_now.AddMinutes(5));
        var cache = new VerifiedTicketCache(inner, time);
        cache.Unprotect("token-b");

        time.Advance(TimeSpan.FromMinutes(6));
        var late = cache.Unprotect("token-b");

        Assert.Equal(2, inner.Calls);
        Assert.True(late!.Properties.ExpiresUtc < time.GetUtcNow());
    }

    [Fact]
    public void Unprotect_TokenTheInnerFormatRejects_IsNotCached()
    {
        var inner = new CountingFormat(null);
        var cache = new VerifiedTicketCache(inner, new FakeTimeProvider(s_now));

        Assert.Null(cache.Unprotect("forged"));
        Assert.Null(cache.Unprotect("forged"));
        Assert.Equal(2, inner.Calls);
    }

    private sealed class CountingFormat(DateTimeOffset? expires) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Calls { get; private set; }

        public string Protect(AuthenticationTicket data) => throw new NotSupportedException();

        public string Protect(AuthenticationTicket data, string? purpose) => throw new NotSupportedException();

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Calls++;
            if (expires is null)
            {
                return null;
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "user-1")], "Identity.Bearer");
            var properties = new AuthenticationProperties { ExpiresUtc = expires };
            return new AuthenticationTicket(new ClaimsPrincipal(identity), properties, "Identity.Bearer");
        }
    }
}
