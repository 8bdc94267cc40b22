namespace Jiyul.Agent.Hosting;

/// <summary>
/// Everything the agent needs to know, read from the environment the hub gives the cell. Paths default to the
/// cell contract; tests point them at temporary directories.
/// </summary>
/// <param name="CellToken">
/// The secret shared with the hub: the hub presents it to the gateway, and the agent presents it to the model
/// socket so the hub knows whose usage a call is.
/// </param>
/// <param name="Workspace">The user's workspace, holding SOUL.md, IDENTITY.md and the other persona files.</param>
/// <param name="Skills">The knowledge pack's skills, one folder per skill.</param>
/// <param name="GatewaySocket">The unix socket the gateway serves HTTP on.</param>
/// <param name="ModelSocket">The hub's OpenAI-compatible model endpoint.</param>
/// <param name="Model">The model id asked of the hub's egress.</param>
internal sealed record AgentOptions(
    string CellToken,
    string Workspace,
    string Skills,
    string GatewaySocket,
    string ModelSocket,
    string Model)
{
    public const string CellTokenVariable = "JIYUL_CELL_TOKEN";
    public const string WorkspaceVariable = "JIYUL_WORKSPACE";
    public const string SkillsVariable = "JIYUL_SKILLS";
    public const string GatewaySocketVariable = "JIYUL_GATEWAY_SOCKET";
    public const string ModelSocketVariable = "JIYUL_MODEL_SOCKET";
    public const string ModelVariable = "JIYUL_MODEL";

    public const string DefaultWorkspace = "/home/jiyul/workspace";
    public const string DefaultSkills = "/home/jiyul/skills";
    public const string DefaultGatewaySocket = "/run/cell/gateway.sock";
    public const string DefaultModelSocket = "/run/jiyul-model/model.sock";
    public const string DefaultModel = "jiyul-default";

    /// <summary>
    /// The longest path a unix socket address holds on Linux (<c>sun_path</c> is 108 bytes with its terminator).
    /// </summary>
    public const int MaxSocketPathBytes = 107;

    /// <summary>Reads the options; an unset or empty variable takes its default.</summary>
    public static AgentOptions FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);

        string Read(string name, string fallback) =>
            getVariable(name) is { Length: > 0 } value ? value : fallback;

        return new AgentOptions(
            Read(CellTokenVariable, ""),
            Read(WorkspaceVariable, DefaultWorkspace),
            Read(SkillsVariable, DefaultSkills),
            Read(GatewaySocketVariable, DefaultGatewaySocket),
            Read(ModelSocketVariable, DefaultModelSocket),
            Read(ModelVariable, DefaultModel));
    }

    /// <summary>The options without the token, so that printing them can never leak it.</summary>
    public override string ToString() =>
        $"Workspace={Workspace}, Skills={Skills}, GatewaySocket={GatewaySocket}, "
        + $"ModelSocket={ModelSocket}, Model={Model}";

    /// <summary>Every reason these options cannot run a cell; empty when they can.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(CellToken))
        {
            errors.Add($"{CellTokenVariable} is empty; the hub must give every cell its token.");
        }

        CheckAbsolute(errors, WorkspaceVariable, Workspace);
        CheckAbsolute(errors, SkillsVariable, Skills);
        CheckSocket(errors, GatewaySocketVariable, GatewaySocket);
        CheckSocket(errors, ModelSocketVariable, ModelSocket);
        return errors;
    }

    private static void CheckAbsolute(List<string> errors, string name, string path)
    {
        if (!Path.IsPathFullyQualified(path))
        {
            errors.Add($"{name} is '{path}'; it must be an absolute path.");
        }
    }

    private static void CheckSocket(List<string> errors, string name, string path)
    {
        CheckAbsolute(errors, name, path);

        var bytes = System.Text.Encoding.UTF8.GetByteCount(path);
        if (bytes > MaxSocketPathBytes)
        {
            errors.Add($"{name} is {bytes} bytes long; a unix socket path may be at most {MaxSocketPathBytes}.");
        }
    }
}
