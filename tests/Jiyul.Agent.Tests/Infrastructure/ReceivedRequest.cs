using System.Text.Json.Nodes;

namespace Jiyul.Agent.Tests.Infrastructure;

/// <summary>What the fake model was sent.</summary>
internal sealed record ReceivedRequest(string Method, string Path, string? Authorization, JsonObject Body)
{
    public JsonArray Messages => Body["messages"]!.AsArray();

    public string SystemPrompt => Messages[0]!["content"]!.GetValue<string>();
}
