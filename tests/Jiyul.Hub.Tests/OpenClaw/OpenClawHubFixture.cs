using System.Net;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Hosting;
using Jiyul.Hub.Models;
using Jiyul.Hub.Models.Offline;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Jiyul.Hub.Tests.OpenClaw;

/// <summary>
/// One hub on the openclaw runtime and one signed-up user whose cell is started once and shared by the tests of
/// the class: each OpenClaw cell costs about 1 GiB and 30-45 s to start, so the tests read one cell's behaviour
/// rather than start their own. The user's SOUL.md carries a marker before the first start, so that its arrival
/// in the model's system prompt can be proven.
/// </summary>
public sealed class OpenClawHubFixture : IAsyncLifetime
{
    public const string Image = "jiyul/openclaw:latest";

    /// <summary>A provider key the hub is configured with; no cell may ever see it.</summary>
    public const string ProviderKey = "sk-jiyul-test-key-that-must-stay-in-the-hub-6f1c";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    internal TestHub Hub { get; private set; } = null!;

    internal RecordingModelProvider Recorder { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string Uid { get; private set; } = "";

    public string UidHash { get; private set; } = "";

    public string SoulMarker { get; } = "JIYUL-SOUL-" + Guid.NewGuid().ToString("N")[..10];

    public TimeSpan ColdEnsure { get; private set; }

    internal HubPaths Paths => Hub.Services.GetRequiredService<HubPaths>();

    /// <summary>A copy of the real pack, so a test may edit it as an operator would while the cell runs.</summary>
    public string PackDirectory { get; } = Directory.CreateTempSubdirectory("jiyul-pack-").FullName;

    public async Task InitializeAsync()
    {
        using (var docker = new TestDocker())
        {
            try
            {
                await docker.Client.Images.InspectImageAsync(Image).WaitAsync(TestDocker.Timeout);
            }
            catch (global::Docker.DotNet.DockerImageNotFoundException)
            {
                throw new InvalidOperationException(
                    $"The image {Image} is not built; the OpenClaw tests need it. Run images/openclaw/build.sh "
                    + "(or ./jiyul test, which builds it) and run the tests again.");
            }
        }

        CopyDirectory(RepositoryRoot.Combine("packs", "legal-tax-ko"), PackDirectory);
        Hub = await TestHub.StartAsync(
            new Dictionary<string, string?>
            {
                ["Hub:PackDirectory"] = PackDirectory,
                ["Cells:Runtime"] = CellRuntimes.OpenClaw,
                ["Models:OpenAI:ApiKey"] = ProviderKey,
            },
            services => services.AddSingleton<IModelProvider>(provider =>
            {
                Recorder = new RecordingModelProvider(provider.GetRequiredService<OfflineModelProvider>());
                return Recorder;
            }));
        (Client, Uid) = await Hub.SignUpAsync();
        UidHash = Jiyul.Hub.Cells.UidHash.Of(Uid);

        var workspace = Paths.WorkspaceDirectory(UidHash);
        Directory.CreateDirectory(workspace);
        var soul = await File.ReadAllTextAsync(RepositoryRoot.Combine("packs", "legal-tax-ko", "persona", "SOUL.md"));
        await File.WriteAllTextAsync(Path.Combine(workspace, "SOUL.md"), soul + $"\n\nMarker for the tests: {SoulMarker}\n");

        var started = System.Diagnostics.Stopwatch.StartNew();
        using var ensure = await Client.PostAsync("/ensure", null).WaitAsync(Timeout);
        ColdEnsure = started.Elapsed;
        if (ensure.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException(
                $"ensure answered {(int)ensure.StatusCode}: {await ensure.Content.ReadAsStringAsync()}");
        }
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Hub is not null)
        {
            await Hub.DisposeAsync();
        }

        Directory.Delete(PackDirectory, recursive: true);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
