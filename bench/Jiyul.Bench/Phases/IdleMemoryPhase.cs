using Docker.DotNet;
using Jiyul.Bench.Engine;
using Jiyul.Bench.Hosting;
using Jiyul.Bench.Reporting;

namespace Jiyul.Bench.Phases;

/// <summary>
/// Target 5: memory of idle agent cells, after everything above has run through them, read from the engine's
/// non-streaming stats. The figure judged is usage less the page cache, which the kernel gives back under pressure.
/// </summary>
internal static class IdleMemoryPhase
{
    public const string Name = "5. Idle cell memory";
    private const ulong GoalBytes = 40UL * 1024 * 1024;

    public static async Task RunAsync(
        BenchDocker docker,
        IReadOnlyList<BenchUser> users,
        BenchOptions options,
        BenchResults results,
        CancellationToken cancellationToken)
    {
        var cells = users.Take(options.MemoryCells).ToList();
        results.Method.Add($"{Name}: {options.IdleWait.TotalSeconds:0} s with no requests, then one non-streaming stats "
            + $"read (GET /containers/{{id}}/stats?stream=false&one-shot=true) of each of {cells.Count} cells, the first "
            + "of which served the proxy runs. Judged on usage minus page cache (cgroup total_cache or file); "
            + "usage minus inactive file is what docker stats shows.");

        await Task.Delay(options.IdleWait, cancellationToken);
        foreach (var user in cells)
        {
            try
            {
                if (await docker.MemoryAsync(BenchDocker.ContainerName(user.UidHash), cancellationToken) is { } memory)
                {
                    results.Memory.Add(memory);
                }
            }
            catch (DockerApiException e)
            {
                results.Notes.Add($"{Name}: no stats for a cell: {e.Message}");
            }
        }

        var judged = results.Memory.Select(m => m.WithoutPageCache).OfType<ulong>().ToList();
        if (judged.Count == 0)
        {
            results.Targets.Add(new TargetResult("5. Idle agent cell memory", "≤ 40 MiB", "not measured", null));
            return;
        }

        judged.Sort();
        results.Targets.Add(new TargetResult(
            "5. Idle agent cell memory (usage − page cache)",
            "≤ 40 MiB",
            $"median {Format.MiB(judged[(judged.Count - 1) / 2])}, max {Format.MiB(judged[^1])} over {judged.Count} cells",
            judged[^1] <= GoalBytes));
    }
}
