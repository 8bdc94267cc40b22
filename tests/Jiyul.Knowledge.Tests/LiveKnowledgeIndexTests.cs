using System.Diagnostics;
using Jiyul.Knowledge.Search;
using Jiyul.Knowledge.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jiyul.Knowledge.Tests;

public sealed class LiveKnowledgeIndexTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private const string NewFile = """
        ---
        title: Hot update (fixture)
        as_of: 2026-02-01
        sources:
          - 국세기본법 제45조의2 (https://www.law.go.kr/법령/국세기본법/제45조의2)
        ---

        ## 경정청구 기한

        경정청구는 법정신고기한이 지난 후 5년 이내에 할 수 있습니다. Marker word: quasarfjord.
        """;

    [Fact]
    public async Task Start_FileAddedToPack_IsFoundWithoutRestart()
    {
        using var pack = TempPack.CopyOf("clean");
        await using var live = NewLiveIndex(pack, rescanInterval: TimeSpan.FromSeconds(30));
        live.Start();
        await WaitUntilAsync(() => live.Generation >= 1, "the first index to be built");
        Assert.Empty(live.Search("quasarfjord", 5));
        var before = live.Generation;

        pack.Write("skills/tax-law/references/hot.md", NewFile);

        // The rescan is 30 s away: only the file watcher can make this happen within the timeout.
        await WaitUntilAsync(() => live.Generation > before && live.Search("quasarfjord", 5).Count > 0, "the new file to be indexed");
        var hit = live.Search("경정청구 기한", 1).Single();
        Assert.Equal(("references/hot.md", "경정청구 기한", "2026-02-01"), (hit.File, hit.Heading, hit.AsOf));
    }

    [Fact]
    public async Task Start_FileRemovedAndEdited_SearchFollows()
    {
        using var pack = TempPack.CopyOf("clean");
        await using var live = NewLiveIndex(pack, rescanInterval: TimeSpan.FromSeconds(30));
        live.Start();
        await WaitUntilAsync(() => live.Generation >= 1, "the first index to be built");
        Assert.NotEmpty(live.Search("영세율", 5));

        pack.Replace("skills/tax-law/references/rates.md", "영세율", "zero rate");
        pack.Delete("skills/civil-law/references/lease.md");

        // "세율" is a bigram of "영세율" and stays in the pack, so the check is on the text, not on the hit count.
        await WaitUntilAsync(
            () => !live.Search("영세율", 5).Any(h => h.Text.Contains("영세율", StringComparison.Ordinal)) &&
                  live.Search("대항력", 5).Count == 0,
            "the edit and the removal to show in search");
    }

    [Fact]
    public async Task Rebuild_WhileSearching_ReadersAlwaysSeeAWholeIndex()
    {
        using var pack = TempPack.CopyOf("clean");
        await using var live = NewLiveIndex(pack, rescanInterval: TimeSpan.FromSeconds(30));
        var first = live.Search("대항력", 1).Single();
        using var stop = new CancellationTokenSource();

        var searches = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var hit = live.Search("대항력", 1).Single();
                Assert.Equal((first.File, first.Heading), (hit.File, hit.Heading));
                Interlocked.Increment(ref searches);
            }
        });
        await WaitUntilAsync(() => Volatile.Read(ref searches) > 0 || reader.IsCompleted, "the reader to start searching");

        var before = Volatile.Read(ref searches);
        for (var i = 0; i < 20; i++)
        {
            live.Rebuild();
        }

        var during = Volatile.Read(ref searches) - before;
        await stop.CancelAsync();
        await reader.WaitAsync(Timeout);

        Assert.Equal(21, live.Generation);
        Assert.True(during > 0, "no search ran while the index was being rebuilt");
    }

    [Fact]
    public async Task Start_WithoutFileWatcher_RescanFindsTheChange()
    {
        using var pack = TempPack.CopyOf("clean");
        await using var live = NewLiveIndex(pack, rescanInterval: TimeSpan.FromMilliseconds(200), useFileWatcher: false);
        live.Start();
        await WaitUntilAsync(() => live.Generation >= 1, "the first index to be built");

        pack.Write("skills/tax-law/references/hot.md", NewFile);

        await WaitUntilAsync(() => live.Search("quasarfjord", 5).Count > 0, "the rescan to find the new file");
    }

    [Fact]
    public async Task Current_BeforeStart_BuildsOnFirstUse()
    {
        using var pack = TempPack.CopyOf("clean");
        await using var live = NewLiveIndex(pack, rescanInterval: TimeSpan.FromSeconds(30));

        Assert.Equal(0, live.Generation);
        Assert.Equal(9, live.Current.PassageCount);
        Assert.Equal(1, live.Generation);
    }

    [Fact]
    public void Of_PackEdited_FingerprintChanges()
    {
        using var pack = TempPack.CopyOf("clean");
        var before = PackFingerprint.Of(pack.Directory);

        pack.Write("skills/tax-law/references/hot.md", NewFile);

        Assert.NotEqual(before, PackFingerprint.Of(pack.Directory));
    }

    private static LiveKnowledgeIndex NewLiveIndex(TempPack pack, TimeSpan rescanInterval, bool useFileWatcher = true) => new(
        pack.Directory,
        TimeSpan.FromMilliseconds(50),
        rescanInterval,
        TimeProvider.System,
        NullLogger<LiveKnowledgeIndex>.Instance,
        useFileWatcher);

    // A bounded poll: the condition is checked every 20 ms until it holds or the timeout passes, which fails the test
    // and names what was awaited.
    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > Timeout)
            {
                Assert.Fail($"Timed out after {Timeout} waiting for {what}.");
            }

            await Task.Delay(20).WaitAsync(Timeout);
        }
    }
}
