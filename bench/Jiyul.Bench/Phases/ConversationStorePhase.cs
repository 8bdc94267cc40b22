using System.Diagnostics;
using Jiyul.Bench.Hosting;
using Jiyul.Bench.Load;
using Jiyul.Bench.Reporting;
using Jiyul.Hub.Conversations;
using Jiyul.Hub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jiyul.Bench.Phases;

/// <summary>
/// The conversation store under a full history: one user with 100 conversations, one of them 10,000 messages long
/// and the other 99 a hundred each (19,900 messages), written straight through the hub's store; then, through the
/// HTTP API, the latency of listing the user's conversations (first page) and of reading one page of the long
/// conversation's messages, at its start and near its end. On SQLite, and on PostgreSQL when
/// <c>JIYUL_TEST_POSTGRES</c> names a server (a database is made for the run and dropped after). Needs no cell.
/// </summary>
internal static class ConversationStorePhase
{
    public const string Name = "8. Conversation store";
    public const string PostgresVariable = "JIYUL_TEST_POSTGRES";
    private const int Conversations = 100;
    private const int LongConversation = 10_000;
    private const int ShortConversation = 100;
    private const int PageSize = 30;
    private const int WarmUp = 50;
    private const int TotalMessages = LongConversation + ((Conversations - 1) * ShortConversation);

    public static async Task RunAsync(
        string repository,
        string dataDirectory,
        BenchOptions options,
        BenchResults results,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(results);
        var requests = options.Quick ? 200 : 1000;
        await MeasureAsync("SQLite", repository, Path.Combine(dataDirectory, "store-sqlite"),
            new Dictionary<string, string>(), requests, results, cancellationToken);

        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(admin))
        {
            results.Notes.Add($"{Name}: {PostgresVariable} is not set, so PostgreSQL was not measured "
                + "(`./jiyul postgres` starts the test server and prints the connection string).");
        }
        else
        {
            var database = "jiyul_bench_" + Guid.NewGuid().ToString("N")[..12];
            await ExecuteAsync(admin, $"CREATE DATABASE {database}", cancellationToken);
            try
            {
                var settings = new Dictionary<string, string>
                {
                    ["Hub:Database"] = "Postgres",
                    ["Hub:ConnectionString"] = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString,
                };
                await MeasureAsync("PostgreSQL", repository, Path.Combine(dataDirectory, "store-postgres"), settings,
                    requests, results, cancellationToken);
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", timeout.Token);
            }
        }

        results.Method.Add($"{Name}: a hub of its own per store (no cell is started). One user, {Conversations} "
            + $"conversations: one of {LongConversation:N0} messages and {Conversations - 1} of {ShortConversation}, inserted "
            + "through HubDbContext, then ANALYZE. Then, through the HTTP API with the user's bearer token, one request after another: "
            + $"{WarmUp} of each kind as warm-up, then {requests} timed of each: GET /api/conversations (first page, "
            + $"{PageSize} of {Conversations}), and GET /api/conversations/{{id}}/messages?limit={PageSize} of the long "
            + "conversation, at its start and from a cursor 9,000 messages in. Latency is the client's, from send to the "
            + "whole body read.");
    }

    private static async Task MeasureAsync(
        string store,
        string repository,
        string dataDirectory,
        Dictionary<string, string> settings,
        int requests,
        BenchResults results,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        await using var hub = await BenchHub.StartAsync(repository, dataDirectory, "bench-store-" + Guid.NewGuid().ToString("N")[..8],
            cancellationToken, settings: settings);
        var user = await hub.SignUpAsync(cancellationToken);

        var filling = Stopwatch.StartNew();
        var longId = await FillAsync(hub, user.Uid, cancellationToken);
        results.Notes.Add($"{Name} ({store}): {TotalMessages:N0} messages written in "
            + $"{filling.Elapsed.TotalSeconds:0.0} s.");

        var deep = PageCursor.ForMessage(9_000);
        var measures = new (string Measure, string Path)[]
        {
            ($"list conversations, first page of {PageSize} ({store})", "/api/conversations"),
            ($"messages, first page of {PageSize} of {LongConversation:N0} ({store})",
                $"/api/conversations/{longId}/messages?limit={PageSize}"),
            ($"messages, a page 9,000 in ({store})",
                $"/api/conversations/{longId}/messages?limit={PageSize}&next={Uri.EscapeDataString(deep)}"),
        };

        foreach (var (measure, path) in measures)
        {
            var sample = await TimeAsync(hub, user, path, requests, cancellationToken);
            results.Figures.Add(new FigureRow(Name, measure, 1, sample));
            results.Targets.Add(new TargetResult($"8. {char.ToUpperInvariant(measure[0])}{measure[1..]} p99", "–",
                $"{sample.Percentile(99):0.##} ms (p50 {sample.Percentile(50):0.##} ms)", null, HasGoal: false));
        }
    }

    private static async Task<Guid> FillAsync(BenchHub hub, string uid, CancellationToken cancellationToken)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        Guid longId = default;
        for (var c = 0; c < Conversations; c++)
        {
            await using var scope = hub.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var count = c == 0 ? LongConversation : ShortConversation;
            var conversation = new Conversation
            {
                Id = Guid.CreateVersion7(),
                OwnerUid = uid,
                Title = $"대화 {c}",
                CreatedAt = start.AddMinutes(c),
                UpdatedAt = start.AddMinutes(c).AddSeconds(count),
                LastSequence = count,
            };
            longId = c == 0 ? conversation.Id : longId;
            db.Conversations.Add(conversation);
            for (var i = 1; i <= count; i++)
            {
                db.Messages.Add(new Message
                {
                    Id = Guid.CreateVersion7(),
                    ConversationId = conversation.Id,
                    Sequence = i,
                    Role = i % 2 == 1 ? MessageRoles.User : MessageRoles.Assistant,
                    Content = i % 2 == 1
                        ? $"질문 {i}: 종합소득세 신고 기한과 가산세는 어떻게 되나요?"
                        : $"답변 {i}: 종합소득세는 다음 해 5월 1일부터 5월 31일까지 신고·납부합니다. "
                          + "기한을 넘기면 무신고 가산세가 붙습니다.",
                    Status = MessageStatuses.Complete,
                    CreatedAt = conversation.CreatedAt.AddSeconds(i),
                });

                if (i % 2000 == 0)
                {
                    await db.SaveChangesAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        // Statistics as a store that has run for a while would have them, and no automatic analyze of the fresh rows
        // running in the middle of the timed requests.
        await using (var scope = hub.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<HubDbContext>().Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
        }

        return longId;
    }

    private static async Task<LatencySample> TimeAsync(
        BenchHub hub,
        BenchUser user,
        string path,
        int requests,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < WarmUp; i++)
        {
            await GetAsync(hub, user, path, cancellationToken);
        }

        var latencies = new List<double>(requests);
        var errors = 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.GetTimestamp();
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            if (await GetAsync(hub, user, path, cancellationToken))
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                errors++;
            }
        }

        return new LatencySample(latencies, errors, Stopwatch.GetElapsedTime(wall),
            Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
    }

    private static async Task<bool> GetAsync(BenchHub hub, BenchUser user, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", user.AccessToken);
        using var response = await hub.Client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.IsSuccessStatusCode && body.Length > 0;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
