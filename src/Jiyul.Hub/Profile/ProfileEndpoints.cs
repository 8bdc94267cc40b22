using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Hosting;
using Jiyul.Hub.Data;
using Jiyul.Hub.Limits;
using Jiyul.Hub.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Profile;

/// <summary><c>/api/me</c>: the caller's profile, and their model usage.</summary>
internal static class ProfileEndpoints
{
    public const int DefaultUsageDays = 7;
    public const int MaxUsageDays = 90;

    public static async Task<Ok<ProfileAnswer>> GetAsync(
        ClaimsPrincipal user,
        ProfileService profiles,
        CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(CellOwner.Of(user), cancellationToken);
        return TypedResults.Ok(ProfileAnswer.Of(profile));
    }

    public static async Task<Results<Ok<ProfileAnswer>, ProblemHttpResult>> PutAsync(
        ClaimsPrincipal user,
        HttpRequest request,
        ProfileService profiles,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        ProfileRequest? body;
        try
        {
            body = request.HasJsonContentType() && request.ContentLength is not 0
                ? await request.ReadFromJsonAsync<ProfileRequest>(json.Value.SerializerOptions, cancellationToken)
                : null;
        }
        catch (JsonException)
        {
            return ApiProblems.Invalid(
                "The body is not a JSON profile: {displayName, language, about}, each a string.", "body-invalid");
        }

        if (body is null)
        {
            return ApiProblems.Invalid(
                "The body is missing; send JSON {displayName, language, about} with content-type application/json.", "body-missing");
        }

        if (!ProfileInput.TryNormalize(body, out var input, out var problem))
        {
            return ApiProblems.Invalid(problem.Detail, problem.Reason);
        }

        var saved = await profiles.SaveAsync(CellOwner.Of(user), input.DisplayName, input.Language, input.About, cancellationToken);
        return TypedResults.Ok(ProfileAnswer.Of(saved));
    }

    public static async Task<Results<Ok<UsageAnswer>, ProblemHttpResult>> UsageAsync(
        int? days,
        ClaimsPrincipal user,
        HubDbContext db,
        UsageLedger ledger,
        IOptions<LimitsOptions> limits,
        CancellationToken cancellationToken)
    {
        var count = days ?? DefaultUsageDays;
        if (count is < 1 or > MaxUsageDays)
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"'days' is {count}; it must be from 1 to {MaxUsageDays}.");
            return ApiProblems.Invalid(detail, "days-invalid");
        }

        // What the egress counted and has not written yet is written first, so the answer is up to the last response.
        await ledger.FlushAsync(cancellationToken);

        var uid = CellOwner.Of(user).Uid;
        var today = ledger.Today;
        var first = today.AddDays(1 - count);
        var rows = await db.Usage.AsNoTracking().Where(u => u.OwnerUid == uid && u.Day >= first && u.Day <= today)
            .ToDictionaryAsync(u => u.Day, cancellationToken);
        var all = Enumerable.Range(0, count).Select(back => today.AddDays(-back))
            .Select(day => rows.TryGetValue(day, out var row) ? UsageDayAnswer.Of(row) : UsageDayAnswer.Empty(day))
            .ToList();

        var budget = limits.Value.DailyTokenBudget;
        long? remaining = budget > 0 ? Math.Max(0, budget - all[0].TotalTokens) : null;
        return TypedResults.Ok(new UsageAnswer(all[0], budget, remaining, all));
    }
}
