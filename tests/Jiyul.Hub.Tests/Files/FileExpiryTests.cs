using System.Globalization;
using Jiyul.Hub.Files;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Jiyul.Hub.Tests.Files;

/// <summary>Expiry on fake time: an expired file vanishes from the API at once, and the sweeper deletes blob and record.</summary>
public sealed class FileExpiryTests
{
    private static readonly TimeSpan s_timeout = Uploads.Timeout;

    private static FakeTimeProvider NewTime() =>
        new(DateTimeOffset.Parse("2026-12-01T09:00:00Z", CultureInfo.InvariantCulture));

    [Theory]
    [MemberData(nameof(FilesHub.Backends), MemberType = typeof(FilesHub))]
    public async Task SweepOnce_AfterRetention_DeletesBlobAndRecord(string backend)
    {
        var time = NewTime();
        await using var files = await FilesHub.StartAsync(backend, settings: new Dictionary<string, string?>
        {
            ["Files:Retention"] = "2.00:00:00",

            // Out of the way: this test drives the sweep itself, and advancing fake time would fire the timer.
            ["Files:SweepInterval"] = "7.00:00:00",
        }, services: s => s.AddSingleton<TimeProvider>(time));
        var (early, earlyUid) = await files.Hub.SignUpAsync();
        var old = await Uploads.UploadAsync(early, Samples.Text("old"), "old.txt");
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromDays(2), old.ExpiresAt);

        // A day later (bearer tokens live an hour, so a second user signs in now).
        time.Advance(TimeSpan.FromDays(1));
        var (late, lateUid) = await files.Hub.SignUpAsync();
        var young = await Uploads.UploadAsync(late, Samples.Text("young"), "young.txt");
        var sweeper = files.Hub.Services.GetRequiredService<FileSweeper>();
        Assert.Equal(0, await sweeper.SweepOnceAsync(CancellationToken.None).WaitAsync(s_timeout));
        Assert.Equal(2, (await files.BlobsLeftAsync()).Count);

        // Past the first file's expiry: gone for its owner before any sweep, though blob and record are still there.
        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        await using (var scope = files.Hub.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<FileService>();
            Assert.Null(await service.FindAsync(earlyUid, old.Id, CancellationToken.None).WaitAsync(s_timeout));
            Assert.NotNull(await service.FindAsync(lateUid, young.Id, CancellationToken.None).WaitAsync(s_timeout));
        }

        Assert.Equal(2, (await files.RowsAsync()).Count);
        Assert.Equal(1, await sweeper.SweepOnceAsync(CancellationToken.None).WaitAsync(s_timeout));
        Assert.Equal(young.Id, Assert.Single(await files.RowsAsync()).Id);
        Assert.Equal($"{Jiyul.Hub.Cells.UidHash.Of(lateUid)}/{young.Id:N}", Assert.Single(await files.BlobsLeftAsync()));
    }

    [Fact]
    public async Task Timer_FiresOnTheSweepInterval_AndRemovesExpiredFiles()
    {
        var time = NewTime();
        await using var files = await FilesHub.StartAsync(FilesHub.Local, settings: new Dictionary<string, string?>
        {
            ["Files:Retention"] = "00:30:00",
            ["Files:SweepInterval"] = "01:00:00",
        }, services: s => s.AddSingleton<TimeProvider>(time));
        var (client, _) = await files.Hub.SignUpAsync();
        await Uploads.UploadAsync(client, Samples.Text("short-lived"), "short.txt");
        var sweeper = files.Hub.Services.GetRequiredService<FileSweeper>();

        // Round 0 ran at start, before the file expired; round 1 is the hour's tick.
        await sweeper.WaitForRoundAsync(0).WaitAsync(s_timeout);
        Assert.Single(await files.RowsAsync());
        time.Advance(TimeSpan.FromHours(1));
        await sweeper.WaitForRoundAsync(1).WaitAsync(s_timeout);

        Assert.Empty(await files.RowsAsync());
        Assert.Empty(await files.BlobsLeftAsync());
    }
}
