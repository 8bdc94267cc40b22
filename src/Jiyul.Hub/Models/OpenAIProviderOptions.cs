namespace Jiyul.Hub.Models;

/// <summary>An OpenAI-compatible chat completions endpoint (section <c>Models:OpenAI</c>).</summary>
public sealed record OpenAIProviderOptions
{
    /// <summary>The API root; requests go to <c>{BaseUrl}/chat/completions</c>.</summary>
    public string BaseUrl { get; init; } = "https://api.openai.com/v1";

    /// <summary>Sent as the bearer token upstream. It stays in the hub: cells never see it.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The model every request is sent to, whatever model the cell named.</summary>
    public string Model { get; init; } = "gpt-4o-mini";

    // The generated ToString would print the key wherever the options end up in a log or an exception message.
    public override string ToString() =>
        $"{nameof(OpenAIProviderOptions)} {{ BaseUrl = {BaseUrl}, Model = {Model}, " +
        $"ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "unset" : "set")} }}";
}
