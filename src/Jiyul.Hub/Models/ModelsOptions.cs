namespace Jiyul.Hub.Models;

/// <summary>Which model the cells reach through the model socket, and how (section <c>Models</c>).</summary>
public sealed record ModelsOptions
{
    public const string SectionName = "Models";

    /// <summary>One of <see cref="ModelProviders.All"/>; <c>offline</c> needs no key and no network.</summary>
    public string Provider { get; init; } = ModelProviders.Offline;

    /// <summary>Largest request body a cell may send, in bytes (default 4 MiB); larger ones get 413.</summary>
    public long MaxRequestBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>How long a provider has to start answering (its response headers); a stream may run longer.</summary>
    public TimeSpan UpstreamTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often counted usage is written to the store (default 5 s). A hub that crashes loses at most this much
    /// usage; an orderly stop writes everything.
    /// </summary>
    public TimeSpan UsageFlushInterval { get; init; } = TimeSpan.FromSeconds(5);

    public OpenAIProviderOptions OpenAI { get; init; } = new();

    public AnthropicProviderOptions Anthropic { get; init; } = new();
}
