using System.Diagnostics;
using System.Text.Json;
using Jiyul.Bench.Load;
using Jiyul.Bench.Reporting;
using Jiyul.Knowledge.Search;

namespace Jiyul.Bench.Phases;

/// <summary>
/// The knowledge pack's index: how long building it over the real pack takes, and how long a search takes, with
/// the retrieval test's questions as the queries (the users' own kind of question, in Korean and English).
/// Needs no hub and no Docker: it measures the library the hub and the offline model use.
/// </summary>
internal static class KnowledgeSearchPhase
{
    public const string Name = "6. Knowledge search";
    private const int Builds = 6;
    private const int Rounds = 20;

    public static Task RunAsync(string repository, BenchResults results, CancellationToken cancellationToken)
    {
        var pack = Path.Combine(repository, "packs", "legal-tax-ko");
        var questions = LoadQuestions(repository);

        // The first build pays for JIT and Lucene's static set-up; it is reported apart.
        var builds = new List<double>();
        KnowledgeIndex? index = null;
        var first = 0.0;
        for (var i = 0; i < Builds; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            index?.Dispose();
            var started = Stopwatch.GetTimestamp();
            index = KnowledgeIndex.Build(pack);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i == 0)
            {
                first = elapsed;
            }
            else
            {
                builds.Add(elapsed);
            }
        }

        using (index)
        {
            foreach (var question in questions)
            {
                index!.Search(question, 5);
            }

            var latencies = new List<double>(questions.Count * Rounds);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.GetTimestamp();
            for (var round = 0; round < Rounds; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var question in questions)
                {
                    var started = Stopwatch.GetTimestamp();
                    index!.Search(question, 5);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            var search = new LatencySample(latencies, 0, Stopwatch.GetElapsedTime(wall),
                Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
            var build = new LatencySample(builds, 0, TimeSpan.FromMilliseconds(builds.Sum()), TimeSpan.Zero);
            results.Figures.Add(new FigureRow(Name, $"index build over the pack ({index!.FileCount} files, "
                + $"{index.PassageCount} passages)", 1, build, ShowThroughput: false));
            results.Figures.Add(new FigureRow(Name, $"search, k = 5 ({questions.Count} questions × {Rounds})", 1, search));
            results.Targets.Add(new TargetResult("6. Knowledge search p99", "–",
                $"{search.Percentile(99):0.###} ms (p50 {search.Percentile(50):0.###} ms)", null, HasGoal: false));
            results.Targets.Add(new TargetResult("6. Index build time over the pack", "–",
                $"{build.Percentile(50):0.#} ms p50 over {builds.Count} builds; first build {first:0} ms", null, HasGoal: false));
            results.Method.Add($"{Name}: the pack's Lucene.Net index (KnowledgeIndex.Build) built {Builds} times in this "
                + $"process, the first (JIT, static set-up) reported apart; then the {questions.Count} questions of "
                + $"tests/Jiyul.Knowledge.Tests/RetrievalQuestions.json searched once as warm-up and {Rounds} times timed, "
                + "one after another, k = 5.");
        }

        return Task.CompletedTask;
    }

    private static List<string> LoadQuestions(string repository)
    {
        var file = Path.Combine(repository, "tests", "Jiyul.Knowledge.Tests", "RetrievalQuestions.json");
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        return [.. document.RootElement.EnumerateArray().Select(q => q.GetProperty("question").GetString() ?? "")];
    }
}
