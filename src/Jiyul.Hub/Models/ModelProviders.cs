namespace Jiyul.Hub.Models;

/// <summary>The names <c>Models:Provider</c> accepts.</summary>
public static class ModelProviders
{
    /// <summary>The built-in model that answers from the knowledge pack; needs no key and no network.</summary>
    public const string Offline = "offline";

    /// <summary>Any endpoint that speaks OpenAI's chat completions.</summary>
    public const string OpenAI = "openai";

    /// <summary>Anthropic's Messages API.</summary>
    public const string Anthropic = "anthropic";

    public static IReadOnlyList<string> All { get; } = [Offline, OpenAI, Anthropic];
}
