using Jiyul.Hub.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Jiyul.Hub.Tests.Models;

public sealed class InMemoryModelUsageSinkTests
{
    private const string Alice = "0123456789abcdef0123456789abcdef";
    private const string Bob = "fedcba9876543210fedcba9876543210";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 23, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RecordAsync_SameDay_AddsUpPerUser()
    {
        var sink = new InMemoryModelUsageSink(_time, NullLogger<InMemoryModelUsageSink>.Instance);

        await sink.RecordAsync(new ModelUsage(Alice, "offline", "jiyul-offline", 10, 5), CancellationToken.None);
        await sink.RecordAsync(new ModelUsage(Alice, "offline", "jiyul-offline", 1, 2), CancellationToken.None);
        await sink.RecordAsync(new ModelUsage(Bob, "offline", "jiyul-offline", 100, 50), CancellationToken.None);

        Assert.Equal(new DailyUsage(2, 11, 7), sink.Get(Alice, new DateOnly(2026, 3, 1)));
        Assert.Equal(new DailyUsage(1, 100, 50), sink.Get(Bob, new DateOnly(2026, 3, 1)));
    }

    [Fact]
    public async Task RecordAsync_AcrossMidnight_CountsEachUtcDayApartAndDropsOldDays()
    {
        var sink = new InMemoryModelUsageSink(_time, NullLogger<InMemoryModelUsageSink>.Instance);

        await sink.RecordAsync(new ModelUsage(Alice, "offline", "jiyul-offline", 10, 5), CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(2));
        await sink.RecordAsync(new ModelUsage(Alice, "offline", "jiyul-offline", 3, 4), CancellationToken.None);
        var yesterday = sink.Get(Alice, new DateOnly(2026, 3, 1));
        _time.Advance(TimeSpan.FromDays(2));
        await sink.RecordAsync(new ModelUsage(Alice, "offline", "jiyul-offline", 1, 1), CancellationToken.None);

        Assert.Equal(new DailyUsage(1, 10, 5), yesterday);
        Assert.Equal(new DailyUsage(0, 0, 0), sink.Get(Alice, new DateOnly(2026, 3, 1)));
        Assert.Equal(new DailyUsage(1, 1, 1), sink.Get(Alice, new DateOnly(2026, 3, 4)));
    }
}
