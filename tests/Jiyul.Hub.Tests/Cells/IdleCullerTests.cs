using System.Net;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Jiyul.Hub.Tests.Cells;

public sealed class IdleCullerTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task CullOnce_IdlePastTimeout_StopsTheCellAndNextRequestStartsItAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var hub = await TestHub.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        using var docker = new TestDocker();
        var (client, uid) = await hub.SignUpAsync();
        (await client.PostAsync("/ensure", null).WaitAsync(s_timeout)).EnsureSuccessStatusCode();
        var before = await docker.InspectAsync(uid);
        var culler = hub.Services.GetRequiredService<IdleCuller>();

        time.Advance(TimeSpan.FromMinutes(29));
        await culler.CullOnceAsync(CancellationToken.None).WaitAsync(s_timeout);
        Assert.True((await docker.InspectAsync(uid)).State.Running);

        time.Advance(TimeSpan.FromMinutes(2));
        await culler.CullOnceAsync(CancellationToken.None).WaitAsync(s_timeout);
        var stopped = await docker.InspectAsync(uid);
        Assert.False(stopped.State.Running);
        Assert.Equal(before.ID, stopped.ID);

        var again = await client.PostAsync("/ensure", null).WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var restarted = await docker.InspectAsync(uid);
        Assert.True(restarted.State.Running);
        Assert.Equal(before.ID, restarted.ID);
    }

    [Fact]
    public async Task CullOnce_StreamOpen_KeepsTheCellRunning()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var hub = await TestHub.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        using var docker = new TestDocker();
        var (client, uid) = await hub.SignUpAsync();
        (await client.PostAsync("/ensure", null).WaitAsync(s_timeout)).EnsureSuccessStatusCode();
        var activity = hub.Services.GetRequiredService<CellActivity>();
        var culler = hub.Services.GetRequiredService<IdleCuller>();

        using (activity.BeginStream(UidHash.Of(uid)))
        {
            time.Advance(TimeSpan.FromHours(2));
            await culler.CullOnceAsync(CancellationToken.None).WaitAsync(s_timeout);
            Assert.True((await docker.InspectAsync(uid)).State.Running);
        }

        // The stream's end counts as activity too: the idle clock starts from there.
        time.Advance(TimeSpan.FromMinutes(10));
        await culler.CullOnceAsync(CancellationToken.None).WaitAsync(s_timeout);
        Assert.True((await docker.InspectAsync(uid)).State.Running);
    }
}
