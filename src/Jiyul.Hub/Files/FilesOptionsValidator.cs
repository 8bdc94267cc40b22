using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Files;

/// <summary>Checks the <c>Files</c> section at start-up and lists every problem at once.</summary>
internal sealed class FilesOptionsValidator : IValidateOptions<FilesOptions>
{
    private const string Section = FilesOptions.SectionName;

    /// <summary>The body of one upload is read in one request; beyond this an upload belongs in a different design.</summary>
    public const long MaxMaxSize = 2L * 1024 * 1024 * 1024;

    /// <summary>A week: expired files are invisible at once anyway, and a timer's period has an upper bound (49 days).</summary>
    public static readonly TimeSpan MaxSweepInterval = TimeSpan.FromDays(7);

    public ValidateOptionsResult Validate(string? name, FilesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.MaxSize is < 1 or > MaxMaxSize)
        {
            failures.Add($"{Section}:MaxSize is {options.MaxSize}; it must be between 1 and {MaxMaxSize} bytes.");
        }

        if (options.Retention < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:Retention is {options.Retention}; it must be at least 00:01:00.");
        }

        if (options.SweepInterval < TimeSpan.FromSeconds(1) || options.SweepInterval > MaxSweepInterval)
        {
            failures.Add($"{Section}:SweepInterval is {options.SweepInterval}; it must be between 00:00:01 and {MaxSweepInterval}.");
        }

        if (options.PageSize is < 1 or > 1000)
        {
            failures.Add($"{Section}:PageSize is {options.PageSize}; it must be between 1 and 1000.");
        }

        if (!Enum.IsDefined(options.Storage))
        {
            failures.Add($"{Section}:Storage is {options.Storage}; it must be Local or S3.");
        }

        if (options.Storage == BlobStorageKind.S3)
        {
            ValidateS3(options.S3, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateS3(S3StorageOptions s3, List<string> failures)
    {
        if (!Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            failures.Add($"{Section}:S3:ServiceUrl is '{s3.ServiceUrl}'; it must be an http or https URL such as " +
                         "https://<account>.r2.cloudflarestorage.com.");
        }

        if (string.IsNullOrWhiteSpace(s3.Bucket) || s3.Bucket.Length is < 3 or > 63)
        {
            failures.Add($"{Section}:S3:Bucket is '{s3.Bucket}'; it must name a bucket (3 to 63 characters).");
        }

        if (string.IsNullOrWhiteSpace(s3.Region))
        {
            failures.Add($"{Section}:S3:Region is empty; give the region requests are signed for (auto for R2).");
        }

        // The key pair is never echoed back: only whether it is there.
        if (string.IsNullOrWhiteSpace(s3.AccessKey) || string.IsNullOrWhiteSpace(s3.SecretKey))
        {
            failures.Add($"{Section}:S3:AccessKey and {Section}:S3:SecretKey must both be set for S3 storage.");
        }
    }
}
