using Amazon.S3;
using Amazon.S3.Model;
using Jiyul.Hub.Files;

namespace Jiyul.Hub.Tests.Files;

/// <summary>
/// A bucket of its own for one test on the S3-compatible test server (<c>JIYUL_TEST_S3</c>, started by
/// <c>./jiyul test</c> or <c>./jiyul s3</c>), emptied and deleted when the test ends.
/// </summary>
internal sealed class TestBucket : IAsyncDisposable
{
    private TestBucket(S3StorageOptions options, AmazonS3Client client)
    {
        Options = options;
        Client = client;
    }

    public S3StorageOptions Options { get; }

    public AmazonS3Client Client { get; }

    public string Name => Options.Bucket!;

    /// <summary>Hub settings that put the files in this bucket.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Files:Storage"] = "S3",
        ["Files:S3:ServiceUrl"] = Options.ServiceUrl,
        ["Files:S3:Bucket"] = Options.Bucket,
        ["Files:S3:Region"] = Options.Region,
        ["Files:S3:AccessKey"] = Options.AccessKey,
        ["Files:S3:SecretKey"] = Options.SecretKey,
        ["Files:S3:ForcePathStyle"] = "true",
    };

    public static async Task<TestBucket> CreateAsync()
    {
        var url = Environment.GetEnvironmentVariable("JIYUL_TEST_S3");
        if (string.IsNullOrEmpty(url))
        {
            throw new InvalidOperationException(
                "JIYUL_TEST_S3 is not set: run the tests with ./jiyul test, or start the server with `./jiyul s3` and " +
                "export the URL it prints as JIYUL_TEST_S3.");
        }

        var options = new S3StorageOptions
        {
            ServiceUrl = url,
            Bucket = "jiyul-test-" + Guid.NewGuid().ToString("N")[..16],
            AccessKey = "S3RVER",
            SecretKey = "S3RVER",
        };
        var client = S3BlobStore.CreateClient(options);
        await client.PutBucketAsync(options.Bucket).WaitAsync(TimeSpan.FromSeconds(30));
        return new TestBucket(options, client);
    }

    public async Task<List<string>> KeysAsync()
    {
        var listing = await Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Name })
            .WaitAsync(TimeSpan.FromSeconds(30));
        return [.. (listing.S3Objects ?? []).Select(o => o.Key)];
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var key in await KeysAsync())
            {
                await Client.DeleteObjectAsync(Name, key).WaitAsync(TimeSpan.FromSeconds(30));
            }

            await Client.DeleteBucketAsync(Name).WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Client.Dispose();
        }
    }
}
