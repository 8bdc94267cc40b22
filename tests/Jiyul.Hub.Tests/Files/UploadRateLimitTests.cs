using System.Net;

namespace Jiyul.Hub.Tests.Files;

public sealed class UploadRateLimitTests
{
    [Fact]
    public async Task Upload_PastUploadsPerMinute_Answers429WithRetryAfter_ForThatUserOnly()
    {
        await using var files = await FilesHub.StartAsync(FilesHub.Local, settings: new Dictionary<string, string?>
        {
            ["Limits:UploadsPerMinute"] = "2",
        });
        var (busy, _) = await files.Hub.SignUpAsync();
        var (other, _) = await files.Hub.SignUpAsync();

        await Uploads.UploadAsync(busy, Samples.Text("1"), "1.txt");
        await Uploads.UploadAsync(busy, Samples.Text("2"), "2.txt");
        using var third = await Uploads.PostAsync(busy, Samples.Text("3"), "3.txt");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var retryAfter = third.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.False(string.IsNullOrEmpty((await Uploads.ProblemAsync(third)).Detail));
        Assert.Equal(2, (await files.RowsAsync()).Count);

        await Uploads.UploadAsync(other, Samples.Text("mine"), "mine.txt");
    }
}
