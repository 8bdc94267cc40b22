namespace Jiyul.Agent.Prompt;

/// <summary>A file of the workspace that goes into the system prompt, and what it is for.</summary>
/// <param name="FileName">The file's name in the workspace.</param>
/// <param name="Purpose">A few words under the heading that tell the model what the file is.</param>
internal sealed record WorkspaceDocument(string FileName, string Purpose)
{
    /// <summary>The files of the workspace convention, in the order the model reads them.</summary>
    public static IReadOnlyList<WorkspaceDocument> All { get; } =
    [
        new("SOUL.md", "who you are and what you value"),
        new("IDENTITY.md", "your name and how you present yourself"),
        new("AGENTS.md", "how you work"),
        new("USER.md", "the person you serve"),
        new("MEMORY.md", "what you have kept from earlier conversations"),
    ];
}
