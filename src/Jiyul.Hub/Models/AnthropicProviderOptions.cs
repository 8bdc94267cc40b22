namespace Jiyul.Hub.Models;

/// <summary>Anthropic's Messages API (section <c>Models:Anthropic</c>).</summary>
public sealed record AnthropicProviderOptions
{
    /// <summary>The API root; requests go to <c>{BaseUrl}/v1/messages</c>.</summary>
    public string BaseUrl { get; init; } = "https://api.anthropic.com";

    /// <summary>Sent as <c>x-api-key</c>. It stays in the hub: cells never see it.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The model every request is sent to, whatever model the cell named.</summary>
    public string Model { get; init; } = "claude-sonnet-4-5";

    /// <summary>Anthropic requires a limit on the answer; used when the cell's request sets none.</summary>
    public int DefaultMaxTokens { get; init; } = 4096;

    // The generated ToString would print the key wherever the options end up in a log or an exception message.
    public override string ToString() =>
        $"{nameof(AnthropicProviderOptions)} {{ BaseUrl = {BaseUrl}, Model = {Model}, " +
        $"DefaultMaxTokens = {DefaultMaxTokens}, " +
        $"ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "unset" : "set")} }}";
}
