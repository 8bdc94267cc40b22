using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Jiyul.Agent.Tools;

/// <summary>
/// A tool the agent offers the model. Written as an <see cref="AIFunction"/> with its schema spelled out, rather than
/// made by reflection from a method, so the ahead-of-time compiled agent needs no reflection to describe or call it.
/// </summary>
internal abstract class AgentTool(string name, string description, string parametersSchema) : AIFunction
{
    private readonly JsonElement _schema = JsonDocument.Parse(parametersSchema).RootElement.Clone();

    public override string Name => name;

    public override string Description => description;

    public override JsonElement JsonSchema => _schema;

    /// <summary>A string argument, whether the invoker passed it as a JSON element or as a string.</summary>
    protected static string? StringArgument(AIFunctionArguments arguments, string key)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.TryGetValue(key, out var value) ? value switch
        {
            string text => text,
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
            _ => null,
        } : null;
    }

    /// <summary>A whole-number argument, or null when absent or not a number.</summary>
    protected static int? IntArgument(AIFunctionArguments arguments, string key)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.TryGetValue(key, out var value) ? value switch
        {
            int number => number,
            long number when number is >= int.MinValue and <= int.MaxValue => (int)number,
            JsonElement { ValueKind: JsonValueKind.Number } element when element.TryGetInt32(out var number) => number,
            _ => null,
        } : null;
    }
}
