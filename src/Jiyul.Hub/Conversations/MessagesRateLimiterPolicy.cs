using System.Threading.RateLimiting;
using Jiyul.Hub.Identity;
using Jiyul.Hub.Limits;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Conversations;

/// <summary>
/// <see cref="RateLimitPolicies.Messages"/>: per user, messages per sliding minute and replies streaming at once.
/// An endpoint carries one policy, so each user's partition is one limiter chained from both: a post must get a
/// lease from each. The concurrency lease is held for as long as the endpoint runs, which is as long as the reply
/// streams to the client. A limit of zero is off; with both off the partition limits nothing. Rejections are
/// answered by <see cref="LimitsSetup"/> (429, <c>Retry-After</c>, a reason).
/// </summary>
internal sealed class MessagesRateLimiterPolicy(IOptions<LimitsOptions> options) : IRateLimiterPolicy<string>
{
    // Six segments: a message leaves the window within ten seconds of a minute after it was posted.
    private const int SegmentsPerMinute = 6;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var limits = options.Value;
        var uid = httpContext.User.GetUid();
        if (uid is null || (limits.MessagesPerMinute == 0 && limits.ConcurrentChats == 0))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        return RateLimitPartition.Get(uid, _ => Create(limits));
    }

    private static RateLimiter Create(LimitsOptions limits)
    {
        var limiters = new List<RateLimiter>();
        if (limits.MessagesPerMinute > 0)
        {
            limiters.Add(new ReasonedRateLimiter(new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = limits.MessagesPerMinute,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = SegmentsPerMinute,
                QueueLimit = 0,
            }), $"More than {limits.MessagesPerMinute} messages in a minute."));
        }

        if (limits.ConcurrentChats > 0)
        {
            limiters.Add(new ReasonedRateLimiter(new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.ConcurrentChats,
                QueueLimit = 0,
            }), $"{limits.ConcurrentChats} replies are already streaming; wait for one to finish."));
        }

        return limiters.Count == 1 ? limiters[0] : RateLimiter.CreateChained([.. limiters]);
    }
}
