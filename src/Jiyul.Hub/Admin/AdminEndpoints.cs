using System.Collections.Concurrent;
using System.Globalization;
using Docker.DotNet;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Data;
using Jiyul.Hub.Hosting;
using Jiyul.Hub.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Admin;

/// <summary>
/// <c>/api/admin</c>: the cells of this hub, stopping one, and everyone's model usage. Admins only (<see cref="AdminAccess"/>).
/// </summary>
internal static class AdminEndpoints
{
    public const int DefaultUsageDays = 7;
    public const int MaxUsageDays = 366;
    private const int MemoryReadsAtOnce = 32;

    public static async Task<Ok<ItemsAnswer<AdminCellAnswer>>> CellsAsync(
        ICellRuntime runtime,
        CellActivity activity,
        HubDbContext db,
        ILogger<AdminAccess> logger,
        CancellationToken cancellationToken)
    {
        var cells = await runtime.ListAsync(cancellationToken);
        var hashes = cells.Select(c => c.UidHash).ToList();
        var records = await db.Cells.AsNoTracking().Where(c => hashes.Contains(c.UidHash))
            .ToDictionaryAsync(c => c.UidHash, cancellationToken);

        // The engine answers a stats request with its next sample of the container, taken about once a second (the first
        // request for a container is answered at once), so requests in flight together share that wait: reading many at
        // once keeps a host with hundreds of cells at a few seconds.
        var memory = new ConcurrentDictionary<string, CellMemory>(StringComparer.Ordinal);
        var running = cells.Where(c => c.State is CellState.Running);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MemoryReadsAtOnce, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(running, parallel, async (cell, token) =>
        {
            try
            {
                if (await runtime.MemoryAsync(cell.UidHash, token) is { } used)
                {
                    memory[cell.UidHash] = used;
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or DockerApiException)
            {
                Log.MemoryUnreadable(logger, e, cell.UidHash);
            }
        });

        var items = cells
            .Select(cell =>
            {
                var record = records.GetValueOrDefault(cell.UidHash);
                var used = memory.GetValueOrDefault(cell.UidHash);
                return new AdminCellAnswer(
                    record?.Uid,
                    cell.UidHash,
                    cell.State.ToString().ToLowerInvariant(),
                    cell.Runtime ?? record?.Runtime,
                    activity.LastActivity(cell.UidHash),
                    record?.LastStartedAt,
                    activity.OpenStreams(cell.UidHash),
                    used?.UsedBytes,
                    used?.LimitBytes);
            })
            .OrderBy(c => c.State == "running" ? 0 : 1)
            .ThenByDescending(c => c.LastActivity ?? c.LastStartedAt)
            .ToList();
        return TypedResults.Ok(new ItemsAnswer<AdminCellAnswer>(items));
    }

    public static async Task<Results<Ok<AdminStopAnswer>, ProblemHttpResult>> StopAsync(
        string uid,
        ICellRuntime runtime,
        CellManager cells,
        IOptions<CellsOptions> options,
        ILogger<AdminAccess> logger,
        CancellationToken cancellationToken)
    {
        var uidHash = UidHash.Of(uid);
        var status = await runtime.InspectAsync(uidHash, cancellationToken);
        if (status.State is CellState.Missing)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "Cell not found", "This user has no cell on this hub.",
                "cell-not-found");
        }

        // Forgotten as ready first, so that no request is sent to a cell that is going away; the next one starts it.
        cells.Invalidate(uidHash);
        await runtime.StopAsync(uidHash, options.Value.StopGraceOf(status.Runtime), cancellationToken);
        cells.Invalidate(uidHash);
        Log.CellStoppedByAdmin(logger, uidHash);
        return TypedResults.Ok(new AdminStopAnswer(uid, uidHash, "stopped"));
    }

    public static async Task<Results<Ok<AdminUsageAnswer>, ProblemHttpResult>> UsageAsync(
        string? from,
        string? to,
        HubDbContext db,
        UsageLedger ledger,
        CancellationToken cancellationToken)
    {
        if (!TryDay(to, ledger.Today, out var last) || !TryDay(from, last.AddDays(1 - DefaultUsageDays), out var first))
        {
            return ApiProblems.Invalid("'from' and 'to' are UTC dates written yyyy-MM-dd.", "date-invalid");
        }

        if (first > last)
        {
            return ApiProblems.Invalid("'from' is after 'to'.", "range-invalid");
        }

        if (last.DayNumber - first.DayNumber + 1 > MaxUsageDays)
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"The range spans more than {MaxUsageDays} days; ask for less.");
            return ApiProblems.Invalid(detail, "range-too-long");
        }

        // What the egress counted and has not written yet is written first, so the answer is up to the last response.
        await ledger.FlushAsync(cancellationToken);

        var rows = await db.Usage.AsNoTracking().Where(u => u.Day >= first && u.Day <= last)
            .OrderByDescending(u => u.Day).ThenBy(u => u.OwnerUid)
            .ToListAsync(cancellationToken);
        var uids = rows.Select(r => r.OwnerUid).Distinct().ToList();
        var emails = await db.Profiles.AsNoTracking().Where(p => uids.Contains(p.Uid))
            .ToDictionaryAsync(p => p.Uid, p => p.Email, cancellationToken);

        var items = rows.Select(r => new AdminUsageItem(r.OwnerUid, emails.GetValueOrDefault(r.OwnerUid), r.Day, r.Requests,
            r.InputTokens, r.OutputTokens, r.InputTokens + r.OutputTokens)).ToList();
        return TypedResults.Ok(new AdminUsageAnswer(first, last, items));
    }

    private static bool TryDay(string? text, DateOnly fallback, out DateOnly day)
    {
        if (string.IsNullOrEmpty(text))
        {
            day = fallback;
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }
}
