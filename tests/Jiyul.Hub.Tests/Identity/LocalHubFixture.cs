using Jiyul.Hub.Tests.Infrastructure;

namespace Jiyul.Hub.Tests.Identity;

/// <summary>
/// One hub with the default settings (local accounts only), shared by tests that each make their own account.
/// </summary>
public sealed class LocalHubFixture : IAsyncLifetime
{
    internal TestHub Hub { get; private set; } = null!;

    public async Task InitializeAsync() => Hub = await TestHub.StartAsync().WaitAsync(TestHub.StartTimeout);

    public async Task DisposeAsync() => await Hub.DisposeAsync().AsTask().WaitAsync(TestHub.StartTimeout);
}
