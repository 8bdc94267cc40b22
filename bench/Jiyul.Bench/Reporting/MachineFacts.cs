using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Docker.DotNet;
using Jiyul.Bench.Engine;

namespace Jiyul.Bench.Reporting;

/// <summary>What the figures were measured on: the machine, the engine, the runtime and the commit.</summary>
internal sealed record MachineFacts(
    int Processors,
    string CpuModel,
    long MemoryBytes,
    string Os,
    string DotNet,
    string Docker,
    string Cgroup,
    string Commit)
{
    private static readonly TimeSpan s_gitTimeout = TimeSpan.FromSeconds(10);

    public static async Task<MachineFacts> CollectAsync(
        string repositoryRoot,
        BenchDocker docker,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(docker);
        string engine;
        try
        {
            var version = await docker.VersionAsync(cancellationToken);
            engine = $"{version.Version} (API {version.APIVersion})";
        }
        catch (Exception e) when (e is HttpRequestException or IOException or DockerApiException)
        {
            engine = "not reachable: " + e.Message;
        }

        var head = await GitAsync(repositoryRoot, cancellationToken, "rev-parse", "--short=12", "HEAD");
        var branch = await GitAsync(repositoryRoot, cancellationToken, "rev-parse", "--abbrev-ref", "HEAD");
        var changes = await GitAsync(repositoryRoot, cancellationToken, "status", "--porcelain", "--untracked-files=no");
        var dirty = string.IsNullOrWhiteSpace(changes) ? "" : ", with uncommitted changes";
        var commit = head is null ? "unknown" : $"{head} ({branch}{dirty})";

        return new MachineFacts(
            Environment.ProcessorCount,
            ReadCpuModel(),
            ReadMemoryBytes(),
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            engine,
            File.Exists("/sys/fs/cgroup/cgroup.controllers") ? "v2" : "v1",
            commit);
    }

    private static string ReadCpuModel()
    {
        const string key = "model name";
        var line = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?.Split(':', 2) is [_, var model] ? model.Trim() : "unknown";
    }

    private static long ReadMemoryBytes()
    {
        var line = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var value, ..]
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        return kib * 1024;
    }

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];

    private static async Task<string?> GitAsync(
        string repositoryRoot,
        CancellationToken cancellationToken,
        params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_gitTimeout);
        Process? git;
        try
        {
            git = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        using (git)
        {
            if (git is null)
            {
                return null;
            }

            try
            {
                var output = git.StandardOutput.ReadToEndAsync(timeout.Token);
                await git.WaitForExitAsync(timeout.Token);
                var text = (await output).Trim();
                return git.ExitCode == 0 ? text : null;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                git.Kill(entireProcessTree: true);
                return null;
            }
        }
    }
}
