using System.Globalization;
using System.Threading.RateLimiting;
using Jiyul.Hub.Conversations;
using Jiyul.Hub.Limits;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Identity;

/// <summary>
/// <see cref="RateLimitPolicies.SignIn"/>: sign-in and registration attempts per client address in a sliding
/// minute (<see cref="LimitsOptions.SignInsPerMinute"/>; 0 is off). There is no user yet to count by, so the address
/// is the partition: the connection's, or the client's that a trusted proxy forwarded (see
/// <see cref="Hosting.ForwardedHeadersSettings"/>). A successful attempt counts like a failed one, so the limit also
/// bounds how fast accounts can be made from one place.
/// </summary>
internal sealed class SignInRateLimiterPolicy(IOptions<LimitsOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var perMinute = options.Value.SignInsPerMinute;
        if (perMinute == 0)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var address = httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.Get(address, _ => new ReasonedRateLimiter(new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        }), string.Create(CultureInfo.InvariantCulture, $"More than {perMinute} sign-in attempts from this address in a minute.")));
    }
}
