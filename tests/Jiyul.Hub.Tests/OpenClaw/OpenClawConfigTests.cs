using System.Text.Json.Nodes;
using Jiyul.Hub.Cells.OpenClaw;

namespace Jiyul.Hub.Tests.OpenClaw;

public sealed class OpenClawConfigTests
{
    private const string Token = "jc1.0123456789abcdef0123456789abcdef.token";

    [Fact]
    public void Render_CellToken_GuardsTheGatewayAndReachesTheModelBridgeOnly()
    {
        var config = JsonNode.Parse(OpenClawConfig.Render(Token))!;

        var gateway = config["gateway"]!;
        Assert.Equal("loopback", gateway["bind"]!.GetValue<string>());
        Assert.Equal(18789, gateway["port"]!.GetValue<int>());
        Assert.Equal("token", gateway["auth"]!["mode"]!.GetValue<string>());
        Assert.Equal(Token, gateway["auth"]!["token"]!.GetValue<string>());
        Assert.True(gateway["http"]!["endpoints"]!["chatCompletions"]!["enabled"]!.GetValue<bool>());

        var provider = config["models"]!["providers"]!["jiyul"]!;
        Assert.Equal("http://127.0.0.1:18100/v1", provider["baseUrl"]!.GetValue<string>());
        Assert.Equal("openai-completions", provider["api"]!.GetValue<string>());
        Assert.Equal(Token, provider["apiKey"]!.GetValue<string>());
        Assert.Equal("jiyul/default", config["agents"]!["defaults"]!["model"]!["primary"]!.GetValue<string>());
    }

    [Fact]
    public void Render_Always_KeepsHubFilesSkillsAndNetworkToolsAsTheHubWants()
    {
        var config = JsonNode.Parse(OpenClawConfig.Render(Token))!;

        var defaults = config["agents"]!["defaults"]!;
        Assert.Equal("/home/jiyul/workspace", defaults["workspace"]!.GetValue<string>());
        Assert.True(defaults["skipBootstrap"]!.GetValue<bool>());
        Assert.Equal("/home/jiyul/skills", config["skills"]!["load"]!["extraDirs"]![0]!.GetValue<string>());
        Assert.False(config["update"]!["checkOnStart"]!.GetValue<bool>());
        Assert.Equal("off", config["discovery"]!["mdns"]!["mode"]!.GetValue<string>());
        Assert.Null(config["channels"]);
        var denied = config["tools"]!["deny"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        Assert.Contains("group:runtime", denied);
        Assert.Contains("group:web", denied);
        Assert.DoesNotContain("exec", config["tools"]!["allow"]!.AsArray().Select(t => t!.GetValue<string>()));
    }
}
