using Jiyul.Agent.Tools;
using Microsoft.Extensions.AI;

namespace Jiyul.Agent.Model;

/// <summary>
/// The model with the agent's tools: when the model asks for a tool, Microsoft.Extensions.AI's function invocation
/// runs it in the cell and sends the result back, until the model answers in text.
/// </summary>
internal sealed class AgentChat(ModelClient model, SearchKnowledgeTool search, ReadSkillFileTool readSkillFile, ILoggerFactory loggers)
{
    /// <summary>Rounds of tool calls in one answer; a model that keeps calling after that must answer with what it has.</summary>
    public const int MaxToolRounds = 5;

    public IChatClient Client { get; } = model.Chat.AsBuilder()
        .UseFunctionInvocation(loggers, invoker =>
        {
            invoker.MaximumIterationsPerRequest = MaxToolRounds;

            // Tool failures are turned into text for the model by the tools themselves; anything else stays private.
            invoker.IncludeDetailedErrors = false;
        })
        .Build();

    public IList<AITool> Tools { get; } = [search, readSkillFile];
}
