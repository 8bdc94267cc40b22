using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Jiyul.Bench.Hosting;
using Jiyul.Bench.Load;
using Jiyul.Bench.Reporting;

namespace Jiyul.Bench.Phases;

/// <summary>
/// Upload throughput: one large file (a PDF's magic and incompressible bytes) sent through <c>POST /api/files</c> on
/// local storage, against copying the same file on the same disk, in turns, so that both see the same disk and load.
/// The upload does more than a copy by design: it streams through HTTP and multipart parsing, hashes, sniffs, spools
/// and then moves the bytes into the store, so the copy is the floor it is measured against.
/// </summary>
internal static class FileUploadPhase
{
    public const string Name = "10. File upload";
    private const int SizeMiB = 20;
    private const double MiB = 1024 * 1024;

    public static async Task RunAsync(
        BenchHub hub,
        BenchUser user,
        BenchOptions options,
        BenchResults results,
        CancellationToken cancellationToken)
    {
        var rounds = options.Quick ? 3 : 8;
        var work = Directory.CreateDirectory(Path.Combine(hub.DataDirectory, "bench-upload")).FullName;
        var source = Path.Combine(work, "source.pdf");
        await WriteSourceAsync(source, cancellationToken);
        var size = new FileInfo(source).Length;

        // One of each first, unmeasured: JIT, connection set-up and the page cache's first read of the source.
        await UploadAsync(hub, user, source, cancellationToken);
        Copy(source, work);

        var uploads = new List<double>(rounds);
        var copies = new List<double>(rounds);
        var failures = 0;
        for (var round = 0; round < rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var upload = await UploadAsync(hub, user, source, cancellationToken);
            if (upload is { } ms)
            {
                uploads.Add(ms);
            }
            else
            {
                failures++;
            }

            copies.Add(Copy(source, work));
        }

        var uploadSample = new LatencySample(uploads, failures, TimeSpan.FromMilliseconds(uploads.Sum()), TimeSpan.Zero);
        var copySample = new LatencySample(copies, 0, TimeSpan.FromMilliseconds(copies.Sum()), TimeSpan.Zero);
        results.Figures.Add(new FigureRow(Name, $"POST /api/files, {SizeMiB} MiB, local storage", 1, uploadSample, ShowThroughput: false));
        results.Figures.Add(new FigureRow(Name, $"File.Copy of the same {SizeMiB} MiB on the same disk", 1, copySample,
            ShowThroughput: false));

        var uploadRate = size / MiB / (uploadSample.Percentile(50) / 1000);
        var copyRate = size / MiB / (copySample.Percentile(50) / 1000);
        results.Targets.Add(new TargetResult("10. Upload throughput vs disk copy", "–",
            $"{uploadRate:0} MiB/s upload vs {copyRate:0} MiB/s copy (p50 of {rounds}; upload at {uploadRate / copyRate:P0} "
            + $"of the copy){(failures > 0 ? $"; {failures} uploads failed" : "")}", null, HasGoal: false));
        results.Method.Add($"{Name}: a {SizeMiB} MiB file (PDF magic, then random bytes) uploaded {rounds} times through "
            + "POST /api/files (multipart, one connection, the hub in this process, Files:Storage Local under the bench's data "
            + "directory) and copied with File.Copy on the same disk as often, in turns, after one unmeasured round of each. "
            + "Each uploaded file is deleted through the API after its round. Throughput is size over the p50 time.");
    }

    private static async Task WriteSourceAsync(string path, CancellationToken cancellationToken)
    {
        var random = new Random(7);
        var block = new byte[1024 * 1024];
        await using var file = File.Create(path);
        for (var i = 0; i < SizeMiB; i++)
        {
            random.NextBytes(block);
            if (i == 0)
            {
                "%PDF-1.7\n%"u8.CopyTo(block);
            }

            await file.WriteAsync(block, cancellationToken);
        }
    }

    /// <summary>Milliseconds from the first byte sent to the 201 read; null when the hub did not answer 201.</summary>
    private static async Task<double?> UploadAsync(BenchHub hub, BenchUser user, string source, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(source);
        using var form = new MultipartFormDataContent();
        var part = new StreamContent(file, 128 * 1024);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "file", "large.pdf");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/files") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);

        var started = Stopwatch.GetTimestamp();
        using var response = await hub.Client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return null;
        }

        var id = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString();
        await hub.SendAsync(HttpMethod.Delete, $"/api/files/{id}", user.AccessToken, cancellationToken);
        return elapsed;
    }

    private static double Copy(string source, string directory)
    {
        var target = Path.Combine(directory, "copy.pdf");
        var started = Stopwatch.GetTimestamp();
        File.Copy(source, target, overwrite: true);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        File.Delete(target);
        return elapsed;
    }
}
