using System.Diagnostics;

namespace Jiyul.Agent.Tests.Infrastructure;

/// <summary>The docker command line, for the tests that run the agent's image as the hub would.</summary>
internal static class DockerCli
{
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await TryRunAsync(arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"docker {arguments[0]} exited with {exitCode}: {error.Trim()}");
        }

        return output.Trim();
    }

    public static async Task<(int ExitCode, string Output, string Error)> TryRunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("docker")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("docker did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var text = await output.WaitAsync(TestTimeouts.Default);
        return (process.ExitCode, text, await error.WaitAsync(TestTimeouts.Default));
    }
}
