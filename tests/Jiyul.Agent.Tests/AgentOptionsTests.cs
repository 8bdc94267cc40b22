using Jiyul.Agent.Hosting;

namespace Jiyul.Agent.Tests;

public sealed class AgentOptionsTests
{
    [Fact]
    public void FromEnvironment_OnlyToken_UsesTheCellContractPaths()
    {
        var options = AgentOptions.FromEnvironment(name => name == "JIYUL_CELL_TOKEN" ? "t" : null);

        Assert.Equal("t", options.CellToken);
        Assert.Equal("/home/jiyul/workspace", options.Workspace);
        Assert.Equal("/home/jiyul/skills", options.Skills);
        Assert.Equal("/run/cell/gateway.sock", options.GatewaySocket);
        Assert.Equal("/run/jiyul-model/model.sock", options.ModelSocket);
        Assert.Equal("jiyul-default", options.Model);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void FromEnvironment_EveryVariableSet_UsesThem()
    {
        var variables = new Dictionary<string, string>
        {
            ["JIYUL_CELL_TOKEN"] = "t",
            ["JIYUL_WORKSPACE"] = "/w",
            ["JIYUL_SKILLS"] = "/s",
            ["JIYUL_GATEWAY_SOCKET"] = "/g.sock",
            ["JIYUL_MODEL_SOCKET"] = "/m.sock",
            ["JIYUL_MODEL"] = "other",
        };

        var options = AgentOptions.FromEnvironment(name => variables.GetValueOrDefault(name));

        Assert.Equal(new AgentOptions("t", "/w", "/s", "/g.sock", "/m.sock", "other"), options);
    }

    [Fact]
    public void Validate_SeveralProblems_ListsEveryOne()
    {
        var options = new AgentOptions("", "workspace", "/s", "/g.sock", "/" + new string('x', 120), "m");

        var errors = options.Validate();

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("JIYUL_CELL_TOKEN", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("JIYUL_WORKSPACE", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("JIYUL_MODEL_SOCKET", StringComparison.Ordinal));
    }

    [Fact]
    public void ToString_Always_LeavesTheTokenOut()
    {
        var options = new AgentOptions("secret-token", "/w", "/s", "/g.sock", "/m.sock", "m");

        Assert.DoesNotContain("secret-token", options.ToString(), StringComparison.Ordinal);
    }
}
