using Jiyul.Hub.Models;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Limits;

/// <summary>
/// The per-user daily token budget (<see cref="LimitsOptions.DailyTokenBudget"/>), checked by the model socket before
/// each model request and by the conversations API before a message is stored. A request that starts under the
/// budget runs to its end, so a day's usage can pass the budget by the size of the answers in flight.
/// </summary>
internal sealed class TokenBudget(UsageLedger ledger, TimeProvider time, IOptions<LimitsOptions> options)
{
    /// <summary>Null while the user may spend; otherwise what was spent and when the budget renews.</summary>
    public async Task<SpentBudget?> CheckAsync(string uidHash, CancellationToken cancellationToken)
    {
        var budget = options.Value.DailyTokenBudget;
        if (budget <= 0)
        {
            return null;
        }

        var spent = await ledger.SpentTodayAsync(uidHash, cancellationToken);
        if (spent < budget)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var renewsAt = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        return new SpentBudget(budget, spent, renewsAt, renewsAt - now);
    }
}
