using Jiyul.Hub.Models.Anthropic;
using Jiyul.Hub.Models.Offline;
using Jiyul.Hub.Models.OpenAI;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Models;

/// <summary>The model egress: the socket cells reach a model through, and the providers behind it.</summary>
internal static class ModelsSetup
{
    /// <summary>The named HttpClient that calls providers.</summary>
    public const string UpstreamClientName = "Jiyul.Models.Upstream";

    public static void AddJiyulModels(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<ModelsOptions>().BindConfiguration(ModelsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModelsOptions>, ModelsOptionsValidator>();

        // Header values are never logged, whatever the log level: two of them are provider keys.
        services.AddHttpClient(UpstreamClientName)
            .ConfigureHttpClient((provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptions<ModelsOptions>>().Value.UpstreamTimeout)
            .RedactLoggedHeaders(_ => true);

        services.AddSingleton<UsageLedger>();
        services.AddSingleton<IModelUsageSink>(provider => provider.GetRequiredService<UsageLedger>());

        services.AddSingleton<OfflineModelProvider>();
        services.AddSingleton<OpenAICompatibleProvider>();
        services.AddSingleton<AnthropicProvider>();
        services.AddSingleton<IModelProvider>(provider =>
            provider.GetRequiredService<IOptions<ModelsOptions>>().Value.Provider switch
            {
                ModelProviders.OpenAI => provider.GetRequiredService<OpenAICompatibleProvider>(),
                ModelProviders.Anthropic => provider.GetRequiredService<AnthropicProvider>(),
                ModelProviders.Offline => provider.GetRequiredService<OfflineModelProvider>(),
                var other => throw new InvalidOperationException($"Models:Provider '{other}' is not a provider."),
            });

        // Before the egress server: hosted services stop in reverse order, so the socket stops taking responses
        // before the ledger writes its last batch.
        services.AddHostedService(provider => provider.GetRequiredService<UsageLedger>());
        services.AddHostedService<ModelEgressServer>();
    }
}
