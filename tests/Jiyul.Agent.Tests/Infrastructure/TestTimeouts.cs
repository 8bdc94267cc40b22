namespace Jiyul.Agent.Tests.Infrastructure;

/// <summary>How long a test waits for anything before it fails.</summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);
}
