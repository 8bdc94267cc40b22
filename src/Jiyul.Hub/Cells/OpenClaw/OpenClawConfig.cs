using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jiyul.Hub.Cells.OpenClaw;

/// <summary>
/// OpenClaw's configuration for one cell (<c>openclaw.json</c>), rendered by the hub so that a user never has to
/// set anything up and cannot point the gateway anywhere the hub did not choose.
/// </summary>
internal static class OpenClawConfig
{
    /// <summary>The gateway's own HTTP port, on the cell's loopback only; the cell entry bridges the gateway socket to it.</summary>
    public const int GatewayPort = 18789;

    /// <summary>The loopback port the cell entry bridges to the hub's model socket.</summary>
    public const int ModelBridgePort = 18100;

    /// <summary>The provider and model names OpenClaw knows the hub's model egress by; the egress ignores the model.</summary>
    public const string Provider = "jiyul";

    public const string Model = "default";

    /// <summary>
    /// Tools a legal and tax assistant in a cell with no network keeps: reading its skills' reference files and
    /// the workspace, keeping notes there (memory), and searching that memory. Everything that would run
    /// programs, reach a network, drive a browser or a screen, message a channel, schedule work, or change the
    /// gateway itself is denied: a cell has no network, the user is not an operator of the gateway, and a shell
    /// would only let a prompt change what the hub manages.
    /// </summary>
    public static readonly IReadOnlyList<string> AllowedTools = ["read", "write", "edit", "memory_search", "memory_get"];

    public static readonly IReadOnlyList<string> DeniedTools =
    [
        "group:runtime", "group:web", "group:ui", "group:nodes", "group:automation", "group:messaging",
        "group:media", "apply_patch", "sessions_spawn", "subagents",
    ];

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    /// <summary>Renders the configuration. The cell token is both the gateway's bearer token and the key to the model bridge.</summary>
    public static string Render(string cellToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(cellToken);
        var config = new JsonObject
        {
            ["gateway"] = new JsonObject
            {
                ["mode"] = "local",
                ["port"] = GatewayPort,
                ["bind"] = "loopback",
                ["auth"] = new JsonObject { ["mode"] = "token", ["token"] = cellToken },
                ["http"] = new JsonObject
                {
                    ["endpoints"] = new JsonObject { ["chatCompletions"] = new JsonObject { ["enabled"] = true } },
                },

                // The hub rewrites this file only while the cell is stopped; nothing should restart a running gateway.
                ["reload"] = new JsonObject { ["mode"] = "off" },
            },
            ["agents"] = new JsonObject
            {
                ["defaults"] = new JsonObject
                {
                    ["workspace"] = CellPaths.Workspace,

                    // The hub writes SOUL.md, IDENTITY.md, AGENTS.md and USER.md; OpenClaw must not write its own.
                    ["skipBootstrap"] = true,
                    ["model"] = new JsonObject { ["primary"] = $"{Provider}/{Model}" },
                },
            },
            ["skills"] = new JsonObject
            {
                ["load"] = new JsonObject { ["extraDirs"] = new JsonArray(CellPaths.Skills) },
            },
            ["tools"] = new JsonObject
            {
                ["allow"] = new JsonArray([.. AllowedTools.Select(t => (JsonNode)t)]),
                ["deny"] = new JsonArray([.. DeniedTools.Select(t => (JsonNode)t)]),
            },

            // Only the plugins a cell uses: long-term memory and the OpenAI-compatible client of the model bridge.
            // The other bundled ones (browser, canvas, computer use, GitHub, voice, device pairing) need a network,
            // a screen or a device that a cell does not have; left out, they cost neither start time nor memory.
            ["plugins"] = new JsonObject { ["allow"] = new JsonArray("memory-core", "openai") },

            // Channels stay off by having none configured; update checks and mDNS are off here and in the image's
            // environment, since a cell has no network to use them on.
            ["update"] = new JsonObject { ["checkOnStart"] = false },
            ["discovery"] = new JsonObject { ["mdns"] = new JsonObject { ["mode"] = "off" } },
            ["models"] = new JsonObject
            {
                ["mode"] = "merge",
                ["providers"] = new JsonObject { [Provider] = RenderProvider(cellToken) },
            },
        };
        return config.ToJsonString(s_indented);
    }

    // Every provider of the hub is reached through the egress's OpenAI-compatible endpoint: the egress translates
    // to Anthropic's API itself and serves no /v1/messages, so OpenClaw's anthropic-messages client has nothing
    // to talk to. The provider's real key stays in the hub; the cell presents its own token.
    private static JsonObject RenderProvider(string cellToken) => new()
    {
        ["baseUrl"] = $"http://127.0.0.1:{ModelBridgePort}/v1",
        ["apiKey"] = cellToken,
        ["api"] = "openai-completions",
        ["models"] = new JsonArray(new JsonObject
        {
            ["id"] = Model,
            ["name"] = "Jiyul",
            ["reasoning"] = false,
            ["input"] = new JsonArray("text"),
            ["cost"] = new JsonObject { ["input"] = 0, ["output"] = 0, ["cacheRead"] = 0, ["cacheWrite"] = 0 },
            ["contextWindow"] = 128000,
            ["maxTokens"] = 4096,
        }),
    };
}
