using System.Globalization;
using System.Text;
using Jiyul.Agent.Hosting;
using Jiyul.Agent.Tools;
using Jiyul.Knowledge;

namespace Jiyul.Agent.Prompt;

/// <summary>
/// Makes the system message from the workspace and the skills. Everything is read again on every request: the
/// files are small, and a fresh read is what shows the user's and the operator's edits at once without a file
/// watcher (a cell may not have one: inotify instances are counted per uid, and every cell shares the uid).
/// </summary>
internal sealed class SystemPromptBuilder(AgentOptions options, TimeProvider time, ILogger<SystemPromptBuilder> logger)
{
    /// <summary>
    /// The most characters taken from one workspace file. The user can write MEMORY.md at will; without a bound,
    /// one large file would crowd the conversation out of the model's context.
    /// </summary>
    public const int MaxDocumentChars = 64 * 1024;

    public async Task<string> BuildAsync(CancellationToken cancellationToken)
    {
        var prompt = new StringBuilder();
        prompt.Append(CultureInfo.InvariantCulture, $"""
            You are a personal assistant running in a Jiyul cell. The sections below are the files of your
            workspace ({options.Workspace}): they say who you are, how you work and whom you serve. Follow them.

            Today's date (UTC) is {time.GetUtcNow():yyyy-MM-dd}.

            """);

        foreach (var document in WorkspaceDocument.All)
        {
            var text = await ReadDocumentAsync(document, cancellationToken);
            if (text is null)
            {
                continue;
            }

            prompt.Append(CultureInfo.InvariantCulture, $"\n## {document.FileName} ({document.Purpose})\n\n");
            prompt.Append(text.Trim());
            prompt.Append('\n');
        }

        AppendSkills(prompt);
        return prompt.ToString();
    }

    private async Task<string?> ReadDocumentAsync(WorkspaceDocument document, CancellationToken cancellationToken)
    {
        var path = Path.Combine(options.Workspace, document.FileName);
        try
        {
            var text = await File.ReadAllTextAsync(path, cancellationToken);
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            return text.Length <= MaxDocumentChars
                ? text
                : string.Concat(
                    text.AsSpan(0, MaxDocumentChars),
                    $"\n\n({document.FileName} is longer than {MaxDocumentChars} characters; the rest is left out.)");
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // Every file is optional: a new workspace may not have MEMORY.md yet, or even USER.md.
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.WorkspaceFileUnreadable(logger, document.FileName, ex.GetType().Name);
            return null;
        }
    }

    private void AppendSkills(StringBuilder prompt)
    {
        IReadOnlyList<Skill> skills;
        try
        {
            skills = SkillCatalog.Load(options.Skills);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.SkillsUnreadable(logger, ex.GetType().Name);
            return;
        }

        if (skills.Count == 0)
        {
            return;
        }

        prompt.Append(CultureInfo.InvariantCulture, $"""

            ## Skills

            Your knowledge pack is under {options.Skills}: one folder per skill, each with a
            {SkillCatalog.SkillFileName} and the reference files it cites. Draw on a skill when its description fits
            the question. Two tools reach it: {SearchKnowledgeTool.ToolName} finds the passages that best match a
            question (with file, source and as-of date), and {ReadSkillFileTool.ToolName} reads a whole file, such as
            a skill's {SkillCatalog.SkillFileName}. Search before you answer a legal or tax question, and cite what you use.


            """);
        foreach (var skill in skills)
        {
            var file = Path.Combine(options.Skills, skill.Folder, SkillCatalog.SkillFileName);
            prompt.Append(
                CultureInfo.InvariantCulture,
                $"- {OneLine(skill.Name)}: {OneLine(skill.Description)} ({file})\n");
        }
    }

    // A description that spans lines would break the list the model reads.
    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
