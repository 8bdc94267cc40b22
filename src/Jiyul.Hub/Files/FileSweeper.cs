using Jiyul.Hub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Files;

/// <summary>
/// Deletes expired files: each blob, then its record, in batches. It runs once at start and then every
/// <see cref="FilesOptions.SweepInterval"/> on the hub's <see cref="TimeProvider"/>; tests call
/// <see cref="SweepOnceAsync"/> after moving fake time on. Rounds never overlap. Until a sweep runs, an expired file is
/// already invisible: every query of the API leaves expired files out.
/// </summary>
internal sealed class FileSweeper(
    IServiceScopeFactory scopes,
    IBlobStore blobs,
    UploadSpool spool,
    TimeProvider time,
    IOptions<FilesOptions> options,
    ILogger<FileSweeper> logger) : BackgroundService
{
    private const int BatchSize = 100;

    /// <summary>A spool file this old belongs to no upload still running.</summary>
    private static readonly TimeSpan s_spoolAge = TimeSpan.FromDays(1);

    private readonly SemaphoreSlim _round = new(1, 1);
    private readonly Lock _rounds = new();
    private readonly List<(int Round, TaskCompletionSource Done)> _waiters = [];
    private int _roundsDone;

    /// <summary>Removes every file expired by now; answers how many.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await _round.WaitAsync(cancellationToken);
        try
        {
            var removed = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = await SweepBatchAsync(cancellationToken);
                removed += batch;
                if (batch < BatchSize)
                {
                    break;
                }
            }

            if (removed > 0)
            {
                Log.Swept(logger, removed);
            }

            return removed;
        }
        finally
        {
            _round.Release();
        }
    }

    /// <summary>
    /// Completes once the loop's round <paramref name="round"/> has ended (0 is the round at start, 1 the first on the
    /// timer), whether it removed anything or failed; for tests that drive the timer with fake time.
    /// </summary>
    public Task WaitForRoundAsync(int round)
    {
        lock (_rounds)
        {
            if (round < _roundsDone)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((round, done));
            return done.Task;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var leftovers = spool.DeleteLeftovers(s_spoolAge);
        if (leftovers > 0)
        {
            Log.SpoolCleaned(logger, leftovers);
        }

        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or IOException or UnauthorizedAccessException or InvalidOperationException
                or Amazon.Runtime.AmazonServiceException or HttpRequestException or TimeoutException)
            {
                Log.SweepFailed(logger, e);
            }

            RoundEnded();
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    public override void Dispose()
    {
        _round.Dispose();
        base.Dispose();
    }

    private void RoundEnded()
    {
        lock (_rounds)
        {
            _roundsDone++;
            foreach (var waiter in _waiters.Where(w => w.Round < _roundsDone))
            {
                waiter.Done.TrySetResult();
            }

            _waiters.RemoveAll(w => w.Round < _roundsDone);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<int> SweepBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var now = time.GetUtcNow();
        var expired = await db.Files.Where(f => f.ExpiresAt <= now).OrderBy(f => f.ExpiresAt)
            .Take(BatchSize).ToListAsync(cancellationToken);

        // Blob first: a record left by a failed blob delete is tried again next round; a blob without a record would
        // never be found again.
        foreach (var file in expired)
        {
            await blobs.DeleteAsync(file.StorageKey, cancellationToken);
            db.Files.Remove(file);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The owner deleted one of them meanwhile; the rest go next round.
        }

        return expired.Count;
    }
}
