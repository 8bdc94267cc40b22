using System.Threading.RateLimiting;
using Jiyul.Hub.Hosting;
using Jiyul.Hub.Identity;
using Jiyul.Hub.Limits;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

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
        const string Unknown = "No file of the caller's has this id; it may have expired or been deleted (reason not-found).";
        var files = app.MapGroup("/api/files").RequireAuthorization().WithTags(ApiTags.Files);
        files.MapPost("/", FileEndpoints.UploadAsync).RequireRateLimiting(RateLimitPolicies.Uploads)
            .WithName("UploadFile").WithSummary("Uploads one file, in the multipart field 'file'.")
            .WithDescription("The type is decided from the content, not the name: PDF, PNG, JPEG, WebP, plain text, Markdown "
                + "or DOCX. The file expires after Files:Retention; a message attaches it by id.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = UploadBody;
                return Task.CompletedTask;
            })
            .ProblemMeans(StatusCodes.Status400BadRequest, "Not a multipart form with one field 'file', or the file is empty.")
            .ProblemMeans(StatusCodes.Status413PayloadTooLarge, "The file is larger than Files:MaxSize; nothing was kept.")
            .ProblemMeans(StatusCodes.Status415UnsupportedMediaType, "The content is none of the accepted types.");
        files.MapGet("/", FileEndpoints.ListAsync)
            .WithName("ListFiles").WithSummary("The caller's unexpired files, newest first, a page at a time.")
            .WithDescription("Pass the answer's next as cursor for the following page; it is null on the last one.")
            .ProblemMeans(StatusCodes.Status400BadRequest, "cursor is not one this list gave out, or limit is below 1.");
        files.MapGet("/{id:guid}", FileEndpoints.DownloadAsync)
            .WithName("DownloadFile").WithSummary("The file's bytes, with its stored type, as an attachment.")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
            .ResponseMeans(StatusCodes.Status200OK, "The file, with the type it was stored as and Content-Disposition: attachment.")
            .ProblemMeans(StatusCodes.Status404NotFound, Unknown);
        files.MapDelete("/{id:guid}", FileEndpoints.DeleteAsync)
            .WithName("DeleteFile").WithSummary("Deletes a file now, before it expires.")
            .ProblemMeans(StatusCodes.Status404NotFound, Unknown);
    }

    // The endpoint reads its multipart body itself, so the generator cannot see it; the document shows its one field.
    private static OpenApiRequestBody UploadBody { get; } = new()
    {
        Required = true,
        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string>(StringComparer.Ordinal) { "file" },
                    Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                    {
                        ["file"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.String,
                            Format = "binary",
                            Description = "The file; its name is kept (cleaned) for download, its type is read from its content.",
                        },
                    },
                },
            },
        },
    };

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
