using System.Diagnostics;
using Docker.DotNet;
using Jiyul.Bench.Engine;
using Jiyul.Bench.Hosting;
using Jiyul.Bench.Phases;
using Jiyul.Bench.Reporting;
using Microsoft.Extensions.Options;

namespace Jiyul.Bench;

/// <summary>
/// Runs the phases in order on one in-process hub and writes what they found. Each phase hands the next the
/// users whose cells are ready. Whatever happens, the hub is stopped, every container of the bench's instance label
/// is removed and its data directory deleted before the results are written.
/// </summary>
internal sealed class BenchRunner(BenchOptions options, TextWriter output)
{
    private const string Image = "jiyul/agent:latest";
    private static readonly TimeSpan s_cleanupTimeout = TimeSpan.FromSeconds(90);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var repository = RepositoryRoot.Find();
        var instance = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var results = new BenchResults { StartedAt = DateTimeOffset.UtcNow, Quick = options.Quick, Image = Image };
        var started = Stopwatch.GetTimestamp();
        var loadBefore = HostLoad.Read();

        using var docker = new BenchDocker(instance);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.RunBudget);
        var dataDirectory = Directory.CreateTempSubdirectory("jiyul-bench-").FullName;
        await SayAsync($"instance {instance}, data in {dataDirectory}");

        try
        {
            await RunPhasesAsync(repository, dataDirectory, docker, results, budget.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            results.Aborted = cancellationToken.IsCancellationRequested
                ? "It was interrupted."
                : $"It ran past its budget of {options.RunBudget.TotalMinutes:0} minutes.";
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException
            or DockerApiException or TimeoutException or OptionsValidationException or Microsoft.Playwright.PlaywrightException)
        {
            results.Aborted = $"{e.GetType().Name}: {e.Message}";
        }
        finally
        {
            results.HostLoad = HostLoad.Describe(loadBefore, HostLoad.Read());
            await SayAsync("cleaning up");
            results.Cleanup = await CleanUpAsync(docker, dataDirectory);
        }

        results.Duration = Stopwatch.GetElapsedTime(started);
        var markdown = ResultsWriter.ToMarkdown(results);
        var file = options.OutputPath ?? Path.Combine(repository, "bench",
            options.Only is not null ? "RESULTS.only.md" : options.Quick ? "RESULTS.quick.md" : "RESULTS.md");
        await File.WriteAllTextAsync(file, markdown, CancellationToken.None);

        await output.WriteLineAsync();
        await output.WriteLineAsync(markdown);
        await SayAsync($"written to {file}");
        return results.Aborted is null ? 0 : 1;
    }

    private async Task RunPhasesAsync(
        string repository,
        string dataDirectory,
        BenchDocker docker,
        BenchResults results,
        CancellationToken cancellationToken)
    {
        results.Machine = await MachineFacts.CollectAsync(repository, docker, cancellationToken);
        if (options.Only == BenchOptions.OnlyFiles)
        {
            await RunFilesOnlyAsync(repository, dataDirectory, docker, results, cancellationToken);
            return;
        }

        if (options.Only == BenchOptions.OnlyWeb)
        {
            results.Notes.Add("Only the web app phase ran (--only web).");
            await SayAsync("starting the hub");
            await using var webHub = await BenchHub.StartAsync(repository, dataDirectory, docker.Instance, cancellationToken);
            await SayAsync($"{WebAppPhase.Name}");
            await WebAppPhase.RunAsync(repository, webHub, options, results, cancellationToken);
            return;
        }

        results.ImageFacts = await docker.ImageAsync(Image, cancellationToken);
        if (results.ImageFacts is null)
        {
            results.Aborted = $"The image {Image} is not built on this host, so no cell can start; "
                + "`./jiyul setup` builds it.";
            return;
        }

        results.Method.Add("The hub runs inside the bench's process (HubApplication.Create, Kestrel on 127.0.0.1 with a free "
            + "port, server GC as in production, logs at Warning), with a temporary data directory and an instance label of "
            + "its own. In-process because the bench then takes the cell token and the socket path from the hub's own "
            + "services, and runs exactly the pipeline production runs; a child process would not free a core either. "
            + $"The cost: the load generator shares the same {Environment.ProcessorCount} cores, thread pool and GC with the "
            + "hub, so throughput figures are those of hub and clients together, and latencies include client-side time.");

        if (options.Only == BenchOptions.OnlyConversations)
        {
            await SayAsync($"{ConversationStorePhase.Name} alone");
            await ConversationStorePhase.RunAsync(repository, dataDirectory, options, results, cancellationToken);
            return;
        }

        await using var events = DockerEventRecorder.Start(docker.Client, docker.Instance);
        await SayAsync("starting the hub");
        await using var hub = await BenchHub.StartAsync(repository, dataDirectory, docker.Instance, cancellationToken);

        await SayAsync($"signing up {options.Users + 1} users");
        var warmUp = await hub.SignUpAsync(cancellationToken);
        var users = new List<BenchUser>(options.Users);
        for (var i = 0; i < options.Users; i++)
        {
            users.Add(await hub.SignUpAsync(cancellationToken));
        }

        using var sockets = new GatewaySocketWatcher(Path.Combine(dataDirectory, "cells"));
        await SayAsync($"{ColdEnsurePhase.Name}: {users.Count} users");
        var ready = await ColdEnsurePhase.RunAsync(hub, warmUp, users, events, sockets, results, cancellationToken);
        if (ready.Count == 0)
        {
            results.Aborted = "No cell became ready, so nothing after the cold ensure could be measured.";
            return;
        }

        await SayAsync($"{StoppedStartPhase.Name}: {ready.Count} cells");
        ready = await StoppedStartPhase.RunAsync(hub, docker, ready, events, sockets, results, cancellationToken);
        if (events.Failure is { } failure)
        {
            results.Notes.Add(failure);
        }

        if (ready.Count == 0)
        {
            results.Aborted = "No stopped cell became ready again, so the warm and proxy runs could not be measured.";
            return;
        }

        await SayAsync($"{WarmEnsurePhase.Name}: {options.WarmClients} clients");
        await WarmEnsurePhase.RunAsync(hub, ready, options, results, cancellationToken);

        await SayAsync($"{ProxyOverheadPhase.Name}");
        await ProxyOverheadPhase.RunAsync(hub, ready[0], options, results, cancellationToken);

        await SayAsync($"{IdleMemoryPhase.Name}");
        await IdleMemoryPhase.RunAsync(docker, ready, options, results, cancellationToken);

        await SayAsync($"{KnowledgeSearchPhase.Name}");
        await KnowledgeSearchPhase.RunAsync(repository, results, cancellationToken);

        await SayAsync($"{ConversationStorePhase.Name}");
        await ConversationStorePhase.RunAsync(repository, dataDirectory, options, results, cancellationToken);

        await SayAsync($"{FileUploadPhase.Name}");
        await FileUploadPhase.RunAsync(hub, warmUp, options, results, cancellationToken);

        await SayAsync($"{WebAppPhase.Name}");
        await WebAppPhase.RunAsync(repository, hub, options, results, cancellationToken);

        if (!options.Quick)
        {
            await SayAsync($"{OpenClawPhase.Name} (about two minutes)");
            await OpenClawPhase.RunAsync(repository, dataDirectory, docker, results, cancellationToken);
        }
    }

    /// <summary>The file upload phase alone: it needs a hub and a user, but no cell and no image.</summary>
    private async Task RunFilesOnlyAsync(
        string repository,
        string dataDirectory,
        BenchDocker docker,
        BenchResults results,
        CancellationToken cancellationToken)
    {
        results.Notes.Add("Only the file upload phase ran (--only files).");
        await SayAsync("starting the hub");
        await using var hub = await BenchHub.StartAsync(repository, dataDirectory, docker.Instance, cancellationToken);
        var user = await hub.SignUpAsync(cancellationToken);
        await SayAsync($"{FileUploadPhase.Name}");
        await FileUploadPhase.RunAsync(hub, user, options, results, cancellationToken);
    }

    // Gets a fresh timeout of its own: the run's token may be the very thing that was cancelled.
    private static async Task<string> CleanUpAsync(BenchDocker docker, string dataDirectory)
    {
        var parts = new List<string>();
        using var timeout = new CancellationTokenSource(s_cleanupTimeout);
        try
        {
            var removed = await docker.RemoveInstanceAsync(timeout.Token);
            var left = await docker.CountInstanceAsync(timeout.Token);
            parts.Add($"{removed} containers of instance {docker.Instance} removed, {left} left");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or DockerApiException
            or OperationCanceledException)
        {
            parts.Add($"the containers of instance {docker.Instance} were not all removed ({e.Message})");
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
            parts.Add("data directory deleted");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            parts.Add($"data directory {dataDirectory} not deleted ({e.Message})");
        }

        return string.Join("; ", parts) + ".";
    }

    private Task SayAsync(string text) => output.WriteLineAsync($"[bench] {text}");
}
