using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Jiyul.Hub.Files;

/// <summary>
/// Blobs in an S3-compatible bucket (Amazon S3, Cloudflare R2, MinIO; s3rver in the tests), addressed by a service URL.
/// A put sends a stream of known length in one request: the upload path hands it the spooled, size-checked file, so
/// memory stays bounded and S3's all-or-nothing PUT leaves no partial object behind. A stream of unknown length is
/// spooled to a temporary file first: a plain PUT needs the length up front, and the SDK's chunked signing with
/// trailing checksums is not understood by every S3-compatible service.
/// </summary>
internal sealed class S3BlobStore : IBlobStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _spoolDirectory;

    public S3BlobStore(S3StorageOptions options, string spoolDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(spoolDirectory);
        _spoolDirectory = spoolDirectory;
        _bucket = options.Bucket ?? throw new ArgumentException("The S3 bucket is not set.", nameof(options));
        _client = CreateClient(options);
    }

    /// <summary>
    /// A client for the service. Checksums are sent and checked only where the API requires them: the SDK's default
    /// of trailing checksums on every upload is not understood by every S3-compatible service.
    /// </summary>
    public static AmazonS3Client CreateClient(S3StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            ForcePathStyle = options.ForcePathStyle,
            AuthenticationRegion = options.Region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        return new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        BlobKeys.EnsureWellFormed(key);
        if (!content.CanSeek)
        {
            await PutUnknownLengthAsync(key, content, cancellationToken);
            return;
        }

        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = content,
            AutoCloseStream = false,
            UseChunkEncoding = false,
            ContentType = "application/octet-stream",
        };
        await _client.PutObjectAsync(request, cancellationToken);
    }

    public async Task PutFileAsync(string key, string path, CancellationToken cancellationToken)
    {
        await using var content = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.Read, 128 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await PutAsync(key, content, cancellationToken);
    }

    private async Task PutUnknownLengthAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_spoolDirectory);
        var temp = Path.Combine(_spoolDirectory, $"{Guid.NewGuid():N}.upload");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 128 * 1024, true))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            await PutFileAsync(key, temp, cancellationToken);
        }
        finally
        {
            UploadSpool.Delete(temp);
        }
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        BlobKeys.EnsureWellFormed(key);
        try
        {
            var response = await _client.GetObjectAsync(_bucket, key, cancellationToken);
            return new OwningStream(response.ResponseStream, response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        BlobKeys.EnsureWellFormed(key);
        await _client.DeleteObjectAsync(_bucket, key, cancellationToken);
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        BlobKeys.EnsureWellFormed(key);
        try
        {
            await _client.GetObjectMetadataAsync(_bucket, key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();
}
