using Jiyul.Hub.Tests.Infrastructure;

namespace Jiyul.Hub.Tests.Deploy;

/// <summary>The systemd unit in deploy/systemd, as committed and as <c>./jiyul service install</c> writes it.</summary>
public sealed class ServiceUnitTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task CommittedUnit_PassesSystemdAnalyzeVerify()
    {
        var result = await VerifyAsync(RepositoryRoot.Combine("deploy", "systemd", "jiyul-hub.service"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Error.Trim().Length == 0, "systemd-analyze warned: " + result.Error);
    }

    [Fact]
    public async Task ServiceInstall_WritesTheUnitWithThisCheckoutsPaths_AndItVerifies()
    {
        var temp = Directory.CreateTempSubdirectory("jiyul-service-").FullName;
        try
        {
            var units = Path.Combine(temp, "units");
            var data = Path.Combine(temp, "data");
            var envFile = Path.Combine(temp, "etc", "hub.env");

            // Where systemd is PID 1, install would also enable a real service; the test only writes there.
            var systemdRuns = Directory.Exists("/run/systemd/system");
            List<string> arguments =
            [
                "service", "install", "--no-build", "--unit-dir", units, "--data", data, "--env-file", envFile, "--port", "19299",
            ];
            if (systemdRuns)
            {
                arguments.Add("--no-enable");
            }

            var install = await ProcessRun.RunAsync(RepositoryRoot.Combine("jiyul"), arguments, s_timeout);

            Assert.True(install.ExitCode == 0, install.ToString());
            Assert.Contains(systemdRuns ? "not enabled (--no-enable)" : "systemd is not running as PID 1 here", install.Error,
                StringComparison.Ordinal);
            var unitFile = Path.Combine(units, "jiyul-hub.service");
            var unit = await File.ReadAllLinesAsync(unitFile);
            Assert.Contains($"WorkingDirectory={RepositoryRoot.Path}", unit);
            Assert.Contains($"ReadWritePaths={data}", unit);
            Assert.Contains($"EnvironmentFile=-{envFile}", unit);
            Assert.Contains(unit, line => line.StartsWith("ExecStart=", StringComparison.Ordinal)
                && line.Contains($"{RepositoryRoot.Path}/.jiyul/hub/Jiyul.Hub.dll --urls http://127.0.0.1:19299", StringComparison.Ordinal)
                && line.Contains($"--Hub:DataDirectory={data} ", StringComparison.Ordinal));
            Assert.DoesNotContain(unit, line => line.Contains("/opt/jiyul", StringComparison.Ordinal)
                || line.Contains("/var/lib/jiyul", StringComparison.Ordinal));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(envFile));

            var verify = await VerifyAsync(unitFile);
            Assert.True(verify.ExitCode == 0 && verify.Error.Trim().Length == 0, verify.ToString());
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    private static Task<ProcessResult> VerifyAsync(string unit) =>
        ProcessRun.RunAsync(
            ProcessRun.Require("systemd-analyze", "./jiyul test installs the Debian package systemd, which carries it"),
            ["verify", unit], s_timeout, workingDirectory: Path.GetTempPath());
}
