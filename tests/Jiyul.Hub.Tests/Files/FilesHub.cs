using Jiyul.Hub.Data;
using Jiyul.Hub.Files;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiyul.Hub.Tests.Files;

/// <summary>
/// A test hub whose files live on the blob backend a test names (<see cref="Local"/> or <see cref="S3"/>, a fresh
/// bucket) and in the store it names (SQLite or a fresh PostgreSQL database); everything is removed afterwards.
/// </summary>
internal sealed class FilesHub : IAsyncDisposable
{
    public const string Local = "local";
    public const string S3 = "s3";

    private readonly TestStore _store;

    private FilesHub(TestHub hub, TestStore store, TestBucket? bucket)
    {
        Hub = hub;
        _store = store;
        Bucket = bucket;
    }

    public static TheoryData<string> Backends => new(Local, S3);

    /// <summary>Each blob backend on each store.</summary>
    public static TheoryData<string, string> BackendsAndStores => new()
    {
        { Local, TestStore.Sqlite },
        { S3, TestStore.Sqlite },
        { Local, TestStore.Postgres },
        { S3, TestStore.Postgres },
    };

    public TestHub Hub { get; }

    public TestBucket? Bucket { get; }

    public IBlobStore Blobs => Hub.Services.GetRequiredService<IBlobStore>();

    public static async Task<FilesHub> StartAsync(
        string backend,
        string store = TestStore.Sqlite,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var testStore = await TestStore.CreateAsync(store);
        TestBucket? bucket = null;
        FilesHub? started = null;
        try
        {
            bucket = backend == S3 ? await TestBucket.CreateAsync() : null;
            var all = testStore.With(bucket?.Settings);
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                all[key] = value;
            }

            started = new FilesHub(await TestHub.StartAsync(all, services), testStore, bucket);
            return started;
        }
        finally
        {
            if (started is null)
            {
                if (bucket is not null)
                {
                    await bucket.DisposeAsync();
                }

                await testStore.DisposeAsync();
            }
        }
    }

    /// <summary>Every blob the backend holds: keys in the bucket, or files under the local store's directory.</summary>
    public async Task<List<string>> BlobsLeftAsync()
    {
        if (Bucket is not null)
        {
            return await Bucket.KeysAsync();
        }

        var root = ((LocalBlobStore)Blobs).Root;
        return [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(root, p))];
    }

    public List<string> SpoolLeft() =>
        [.. Directory.EnumerateFiles(Hub.Services.GetRequiredService<UploadSpool>().Directory)];

    public async Task<List<StoredFile>> RowsAsync()
    {
        await using var scope = Hub.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().Files.AsNoTracking().ToListAsync()
            .WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        if (Bucket is not null)
        {
            await Bucket.DisposeAsync();
        }

        await _store.DisposeAsync();
    }
}
