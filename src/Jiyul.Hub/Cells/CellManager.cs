using System.Collections.Concurrent;
using System.Diagnostics;
using Jiyul.Hub.Data;
using Jiyul.Hub.Hosting;
using Jiyul.Hub.Profile;
using Jiyul.Hub.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Cells;

/// <summary>
/// Ensures a user's cell runs and is ready. A warm cell answers after one readiness probe, or from memory on the
/// proxy's hot path; otherwise one start per user runs at a time and every concurrent caller for that user awaits
/// the same start. A start is not tied to the caller who
/// began it: a client that hangs up does not abandon a cell that others are waiting for.
/// </summary>
internal sealed partial class CellManager(
    ICellRuntime runtime,
    CellGateway gateway,
    WorkspaceSeeder seeder,
    CellRuntimeProfiles profiles,
    CellTokens tokens,
    CellActivity activity,
    IServiceScopeFactory scopes,
    HubPaths paths,
    HubMetrics metrics,
    IOptions<CellsOptions> options,
    ILogger<CellManager> logger)
{
    private static readonly TimeSpan s_verifiedFor = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_cleanupTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan s_quickPhase = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_inspectEvery = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentDictionary<string, CellEntry> _cells = new(StringComparer.Ordinal);
    private int _startsInFlight;

    public string Runtime => options.Value.Runtime;

    /// <summary>
    /// Ensures the cell is ready. With <paramref name="trustRecentCheck"/> (the proxy's hot path) a readiness seen
    /// within the last two seconds is trusted without asking the cell again; the engine's event stream forgets
    /// a cell the moment it dies, and the proxy retries a request whose connection was refused.
    /// </summary>
    public async Task<EnsureResult> EnsureAsync(CellOwner owner, bool trustRecentCheck, CancellationToken cancellationToken)
    {
        var uidHash = owner.UidHash;
        var entry = _cells.GetOrAdd(uidHash, static _ => new CellEntry());
        activity.Touch(uidHash);

        if (trustRecentCheck && entry.IsReady(Stopwatch.GetTimestamp(), s_verifiedFor))
        {
            return new EnsureResult(EnsureOutcome.Ready, uidHash, entry.Runtime ?? Runtime);
        }

        if (entry.Runtime is not null && await gateway.IsReadyAsync(uidHash, s_probeTimeout, cancellationToken))
        {
            entry.MarkReady(entry.Runtime);
            return new EnsureResult(EnsureOutcome.Ready, uidHash, entry.Runtime);
        }

        Task<EnsureResult> start;
        lock (entry)
        {
            if (entry.Start is null || entry.Start.IsCompleted)
            {
                entry.MarkNotReady();
                if (Interlocked.Increment(ref _startsInFlight) > options.Value.MaxConcurrentStarts)
                {
                    var inFlight = Interlocked.Decrement(ref _startsInFlight);
                    Log.StartsSaturated(logger, uidHash, inFlight);
                    return new EnsureResult(EnsureOutcome.Busy, uidHash, Runtime, "Too many assistants are starting right now.");
                }

                entry.Start = Task.Run(() => StartAsync(owner, entry), CancellationToken.None);
            }

            start = entry.Start;
        }

        return await start.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets that a cell was ready, so that the next ensure looks again (after a stop, or a failed connect).</summary>
    public void Invalidate(string uidHash)
    {
        if (_cells.TryGetValue(uidHash, out var entry))
        {
            entry.MarkNotReady();
        }
    }

    /// <summary>Whether a start is running for the cell now; the culler leaves such a cell alone.</summary>
    public bool IsStarting(string uidHash) =>
        _cells.TryGetValue(uidHash, out var entry) && entry.Start is { IsCompleted: false };

    /// <summary>How many cells are taken to be running, per runtime (for the cells gauge).</summary>
    public IReadOnlyDictionary<string, int> CountRunning()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in _cells.Values)
        {
            if (entry.IsRunning && entry.Runtime is { } runtime)
            {
                counts[runtime] = counts.GetValueOrDefault(runtime) + 1;
            }
        }

        return counts;
    }

    /// <summary>Records a cell found running at start-up as ready until a probe says otherwise.</summary>
    public void Adopt(string uidHash, string runtime)
    {
        _cells.GetOrAdd(uidHash, static _ => new CellEntry()).Adopt(runtime);
        activity.Touch(uidHash);
    }

    private async Task<EnsureResult> StartAsync(CellOwner owner, CellEntry entry)
    {
        var uidHash = owner.UidHash;
        var runtimeName = options.Value.Runtime;
        var timeout = options.Value.StartTimeouts.GetValueOrDefault(runtimeName, TimeSpan.FromSeconds(30));
        var started = Stopwatch.GetTimestamp();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await StartCoreAsync(owner, runtimeName, deadline.Token);
            entry.MarkReady(runtimeName);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.CellStarted(runtimeName, EnsureOutcome.Ready, elapsed);
            Log.CellReady(logger, uidHash, runtimeName, (long)elapsed.TotalMilliseconds);
            return new EnsureResult(EnsureOutcome.Ready, uidHash, runtimeName);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            metrics.CellStarted(runtimeName, EnsureOutcome.TimedOut, Stopwatch.GetElapsedTime(started));
            var tail = await TailAsync(uidHash);
            var reason = $"The assistant did not become ready within {timeout.TotalSeconds:0} s." + tail;
            await RemoveHalfStartedAsync(uidHash, reason);
            return new EnsureResult(EnsureOutcome.TimedOut, uidHash, runtimeName, reason);
        }
        catch (CellStartException e)
        {
            metrics.CellStarted(runtimeName, EnsureOutcome.Failed, Stopwatch.GetElapsedTime(started));
            await RemoveHalfStartedAsync(uidHash, e.Message);
            return new EnsureResult(EnsureOutcome.Failed, uidHash, runtimeName, e.Message);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or global::Docker.DotNet.DockerApiException)
        {
            metrics.CellStarted(runtimeName, EnsureOutcome.Failed, Stopwatch.GetElapsedTime(started));
            var reason = "The container engine refused to start the assistant: " + e.Message;
            await RemoveHalfStartedAsync(uidHash, reason);
            return new EnsureResult(EnsureOutcome.Failed, uidHash, runtimeName, reason);
        }
        finally
        {
            Interlocked.Decrement(ref _startsInFlight);
        }
    }

    private async Task StartCoreAsync(CellOwner owner, string runtimeName, CancellationToken cancellationToken)
    {
        var uidHash = owner.UidHash;
        var cell = options.Value;
        var imageName = cell.Images.GetValueOrDefault(runtimeName)
            ?? throw new CellStartException($"No image is configured for the runtime '{runtimeName}'.");
        var imageId = await runtime.ResolveImageAsync(imageName, cancellationToken)
            ?? throw new CellStartException($"The image {imageName} is not built on this host; run ./jiyul up to build it.");

        var runtimeProfile = profiles.Get(runtimeName);
        var profile = await LoadProfileAsync(owner, runtimeName, cancellationToken);
        var spec = new CellSpec
        {
            UidHash = uidHash,
            Runtime = runtimeName,
            ImageId = imageId,
            ImageName = imageName,
            CellToken = tokens.Issue(uidHash),
            WorkspaceDirectory = paths.WorkspaceDirectory(uidHash),
            RunDirectory = paths.RunDirectory(uidHash),
            StateDirectory = paths.StateDirectory(uidHash),
            ModelDirectory = paths.ModelDirectory,
            SkillsDirectory = paths.SkillsDirectory,
            UserId = cell.CellUserId,
            GroupId = cell.CellGroupId,
            MemoryBytes = cell.MemoryBytes,
            Cpus = cell.Cpus,
            PidsLimit = cell.PidsLimit,
            TmpfsBytes = cell.TmpfsBytes,
        };
        spec = spec with { Environment = runtimeProfile.Environment(spec) };

        var status = await runtime.InspectAsync(uidHash, cancellationToken);
        if (status.State is CellState.Unusable || (status.State is not CellState.Missing && status.SpecHash != spec.Hash()))
        {
            Log.CellStale(logger, uidHash, status.State is CellState.Unusable ? "not usable" : "image or settings changed");
            await runtime.RemoveAsync(uidHash, cancellationToken);
            status = CellStatus.Missing(uidHash);
        }

        if (status.State is CellState.Missing)
        {
            await seeder.PrepareAsync(uidHash, profile, cancellationToken);
            status = await runtime.CreateAsync(spec, cancellationToken);
        }

        if (status.State is not CellState.Running)
        {
            await runtimeProfile.PrepareAsync(spec, cancellationToken);

            // A socket file left by the previous run would only refuse connections; removing it keeps the
            // readiness probe from dialing a dead end while the new gateway binds.
            File.Delete(paths.GatewaySocket(uidHash));
            await runtime.StartAsync(uidHash, cancellationToken);
        }

        await WaitUntilReadyAsync(uidHash, cancellationToken);
        await RecordStartAsync(uidHash, status.ContainerId, spec, cancellationToken);
    }

    // Readiness: a probe every few milliseconds while a quick gateway is likely to come up (the agent listens
    // 35-50 ms after its container starts), then a pause growing to 50 ms, so that a slow gateway (OpenClaw boots
    // for tens of seconds) is not kept waiting long after it is ready; an inspect every tenth of a second
    // or so, so that a cell that died ends the wait at once without asking the engine on every round.
    private async Task WaitUntilReadyAsync(string uidHash, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var lastInspect = started;
        var pause = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            if (await gateway.IsReadyAsync(uidHash, s_probeTimeout, cancellationToken))
            {
                return;
            }

            if (Stopwatch.GetElapsedTime(lastInspect) >= s_inspectEvery)
            {
                lastInspect = Stopwatch.GetTimestamp();
                var status = await runtime.InspectAsync(uidHash, cancellationToken);
                if (status.State is not CellState.Running)
                {
                    var why = status.State is CellState.Missing
                        ? "The assistant's container disappeared while starting."
                        : $"The assistant exited while starting (exit code {status.ExitCode}"
                          + (status.OomKilled ? ", out of memory)." : ").");
                    throw new CellStartException(why + await TailAsync(uidHash));
                }
            }

            await Task.Delay(pause + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 3)), cancellationToken);
            if (Stopwatch.GetElapsedTime(started) > s_quickPhase)
            {
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 1.5, 50));
            }
        }
    }

    private async Task<UserProfile> LoadProfileAsync(CellOwner owner, string runtimeName, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var now = DateTimeOffset.UtcNow;

        var profile = await db.Profiles.FirstOrDefaultAsync(p => p.Uid == owner.Uid, cancellationToken);
        if (profile is null)
        {
            profile = ProfileService.Default(owner, now);
            db.Profiles.Add(profile);
        }

        if (!await db.Cells.AnyAsync(c => c.UidHash == owner.UidHash, cancellationToken))
        {
            db.Cells.Add(new CellRecord { UidHash = owner.UidHash, Uid = owner.Uid, Runtime = runtimeName, CreatedAt = now });
        }

        await db.SaveChangesAsync(cancellationToken);
        return profile;
    }

    private async Task RecordStartAsync(string uidHash, string? containerId, CellSpec spec, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var record = await db.Cells.FirstAsync(c => c.UidHash == uidHash, cancellationToken);
        record.Runtime = spec.Runtime;
        record.ImageId = spec.ImageId;
        record.SpecHash = spec.Hash();
        record.ContainerId = containerId ?? record.ContainerId;
        record.LastStartedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<string> TailAsync(string uidHash)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            var tail = await runtime.LogTailAsync(uidHash, 20, timeout.Token);
            return tail.Length == 0 ? "" : " Last output: " + tail;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException
            or global::Docker.DotNet.DockerApiException)
        {
            return "";
        }
    }

    // Cleanup gets a fresh timeout of its own: the start's deadline has usually passed by now.
    private async Task RemoveHalfStartedAsync(string uidHash, string reason)
    {
        Log.CellStartFailed(logger, uidHash, reason);
        using var timeout = new CancellationTokenSource(s_cleanupTimeout);
        try
        {
            await runtime.RemoveAsync(uidHash, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException
            or global::Docker.DotNet.DockerApiException)
        {
            Log.CleanupFailed(logger, e, uidHash);
        }
    }
}
