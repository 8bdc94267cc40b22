using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Jiyul.Hub.Limits;

internal static class LimitsSetup
{
    public static void AddJiyulLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.SectionName)
            .Validate(o => o is
                {
                    ConcurrentChats: >= 0, MessagesPerMinute: >= 0, UploadsPerMinute: >= 0, SignInsPerMinute: >= 0,
                    DailyTokenBudget: >= 0,
                },
                "Limits:ConcurrentChats, Limits:MessagesPerMinute, Limits:UploadsPerMinute, Limits:SignInsPerMinute and " +
                "Limits:DailyTokenBudget must be 0 (off) or more.")
            .ValidateOnStart();
        builder.Services.AddSingleton<TokenBudget>();

        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
        });
    }

    /// <summary>A rejection says why and when to come back: problem details and <c>Retry-After</c> in seconds.</summary>
    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var response = context.HttpContext.Response;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        var reason = context.Lease.TryGetMetadata(MetadataName.ReasonPhrase, out var phrase) && !string.IsNullOrEmpty(phrase)
            ? phrase
            : "Too many requests from this user; try again later.";
        await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests",
                detail: $"{reason} Retry after {seconds} s.")
            .ExecuteAsync(context.HttpContext);
    }
}
