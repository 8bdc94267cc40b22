using Jiyul.Hub.Hosting;
using Jiyul.Knowledge.Search;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Knowledge;

/// <summary>Knowledge search: the index over the pack, kept current while the hub runs, and its endpoint.</summary>
internal static class KnowledgeSetup
{
    public static void AddJiyulKnowledge(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KnowledgeOptions>, KnowledgeOptionsValidator>();

        // One index for the whole hub: the search endpoint and the offline model read the same one.
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            return new LiveKnowledgeIndex(
                provider.GetRequiredService<HubPaths>().PackDirectory,
                options.DebounceDelay,
                options.RescanInterval,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<LiveKnowledgeIndex>>(),
                options.UseFileWatcher);
        });
        services.AddHostedService<KnowledgeWatcher>();
    }

    public static void MapJiyulKnowledge(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/knowledge/search", SearchEndpoint.Handle)
            .RequireAuthorization()
            .WithTags(ApiTags.Knowledge)
            .WithName("SearchKnowledge")
            .WithSummary("The passages of the knowledge pack that best answer q, best first.")
            .WithDescription("k is how many passages to answer: by default Knowledge:DefaultResults, at most Knowledge:MaxResults.")
            .ProblemMeans(StatusCodes.Status400BadRequest, "q is missing or blank, or k is below 1.");
    }
}
