using System.Threading.RateLimiting;
using Jiyul.Hub.Hosting;
using Jiyul.Hub.Identity;
using Jiyul.Hub.Limits;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Files;

/// <summary>Attachments: options, the blob store the settings choose, the upload path, the sweeper, the stager, the API.</summary>
internal static class FilesSetup
{
    public static void AddJiyulFiles(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<FilesOptions>().BindConfiguration(FilesOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FilesOptions>, FilesOptionsValidator>();

        services.AddSingleton<IBlobStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<FilesOptions>>().Value;
            if (options.Storage == BlobStorageKind.S3)
            {
                return new S3BlobStore(options.S3, provider.GetRequiredService<UploadSpool>().Directory);
            }

            var dataDirectory = provider.GetRequiredService<HubPaths>().DataDirectory;
            return new LocalBlobStore(string.IsNullOrWhiteSpace(options.Directory)
                ? Path.Combine(dataDirectory, "files")
                : Path.GetFullPath(options.Directory, dataDirectory));
        });
        services.AddSingleton(provider => new UploadSpool(Path.Combine(provider.GetRequiredService<HubPaths>().DataDirectory, "spool")));
        services.AddSingleton<UploadReceiver>();
        services.AddScoped<FileService>();
        services.AddScoped<AttachmentStager>();
        services.AddSingleton<FileSweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<FileSweeper>());

        services.AddRateLimiter(limiter => limiter.AddPolicy(RateLimitPolicies.Uploads, UploadsPartition));
    }

    public static void MapJiyulFiles(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var files = app.MapGroup("/api/files").RequireAuthorization().WithTags("Files");
        files.MapPost("/", FileEndpoints.UploadAsync).RequireRateLimiting(RateLimitPolicies.Uploads).WithName("UploadFile");
        files.MapGet("/", FileEndpoints.ListAsync).WithName("ListFiles");
        files.MapGet("/{id:guid}", FileEndpoints.DownloadAsync).WithName("DownloadFile");
        files.MapDelete("/{id:guid}", FileEndpoints.DeleteAsync).WithName("DeleteFile");
    }

    /// <summary>
    /// Uploads per user in a sliding minute (<see cref="LimitsOptions.UploadsPerMinute"/>; 0 turns it off). The
    /// partition is the uid, so one user's burst never holds back another; a caller with no uid is refused by
    /// authorization before this matters.
    /// </summary>
    private static RateLimitPartition<string> UploadsPartition(HttpContext context)
    {
        var perMinute = context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value.UploadsPerMinute;
        var uid = context.User.GetUid();
        if (perMinute == 0 || uid is null)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        return RateLimitPartition.GetSlidingWindowLimiter(uid, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
