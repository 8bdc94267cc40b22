using Jiyul.Hub.Files;

namespace Jiyul.Hub.Tests.Files;

public sealed class FilesOptionsValidationTests
{
    [Fact]
    public void Validate_Defaults_Pass() =>
        Assert.True(new FilesOptionsValidator().Validate(null, new FilesOptions()).Succeeded);

    [Fact]
    public void Validate_S3WithoutItsSettings_ListsEveryProblemWithoutTheSecret()
    {
        var result = new FilesOptionsValidator().Validate(null, new FilesOptions
        {
            MaxSize = 0,
            Retention = TimeSpan.Zero,
            SweepInterval = TimeSpan.FromDays(60),
            Storage = BlobStorageKind.S3,
            S3 = new S3StorageOptions { ServiceUrl = "ftp://example", Bucket = "x", SecretKey = "very-secret" },
        });

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("Files:MaxSize is 0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Files:Retention", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Files:SweepInterval is 60.00:00:00", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Files:S3:ServiceUrl", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Files:S3:Bucket", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Files:S3:AccessKey", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("very-secret", StringComparison.Ordinal));
    }
}
