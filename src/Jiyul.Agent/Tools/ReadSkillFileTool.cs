using System.Text;
using Jiyul.Agent.Hosting;
using Microsoft.Extensions.AI;

namespace Jiyul.Agent.Tools;

/// <summary>
/// <c>read_skill_file</c>: reads one file of the knowledge pack, named relative to the skills directory (as the system
/// prompt and search results name them). Only files inside that directory are read, whatever the path or links say.
/// </summary>
/// <remarks>
/// The model's mistakes (a wrong name, a path outside) come back to it as text it can act on, not as exceptions:
/// a tool that fails loudly would end the user's answer for a typo.
/// </remarks>
internal sealed class ReadSkillFileTool(AgentOptions options) : AgentTool(
    ToolName,
    "Reads a file of the knowledge pack (a skill's SKILL.md or one of its reference files) and returns its text. "
        + "Give the path relative to the skills directory, for example 'tax-law/SKILL.md' or the file a search result names.",
    """
    {
      "type": "object",
      "properties": {
        "path": { "type": "string", "description": "Path of the file relative to the skills directory, such as 'civil-law/SKILL.md'." }
      },
      "required": ["path"]
    }
    """)
{
    public const string ToolName = "read_skill_file";

    /// <summary>The most characters returned; reference files are far shorter, and a model's context is not free.</summary>
    public const int MaxChars = 48 * 1024;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var requested = StringArgument(arguments, "path");
        if (string.IsNullOrWhiteSpace(requested))
        {
            return "Error: give 'path', the file's path relative to the skills directory (for example 'tax-law/SKILL.md').";
        }

        if (Resolve(requested) is not { } path)
        {
            return $"Error: '{requested}' is not a file inside the skills directory. Use a path such as 'tax-law/SKILL.md'.";
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return $"Error: there is no file '{requested}' in the knowledge pack. The skills' SKILL.md files list their references.";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"Error: '{requested}' cannot be read right now.";
        }

        return text.Length <= MaxChars
            ? text
            : string.Concat(text.AsSpan(0, MaxChars), $"\n\n(The file is longer than {MaxChars} characters; the rest is left out.)");
    }

    /// <summary>
    /// The full path of <paramref name="requested"/> when it names a regular file inside the skills directory, after
    /// resolving <c>..</c> and symbolic links; otherwise null.
    /// </summary>
    internal string? Resolve(string requested)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Skills));
        var trimmed = requested.Trim();

        // The system prompt names files by their full path in the cell; accept those too.
        if (trimmed.StartsWith(root + "/", StringComparison.Ordinal))
        {
            trimmed = trimmed[(root.Length + 1)..];
        }

        if (Path.IsPathRooted(trimmed) || trimmed.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(root, trimmed));
        if (!IsInside(root, full) || Directory.Exists(full))
        {
            return null;
        }

        // A link anywhere on the way (the file or a folder above it) may lead out; follow each and look again.
        var realRoot = RealPath("/", root) ?? root;
        var real = RealPath(realRoot, Path.Combine(realRoot, Path.GetRelativePath(root, full)));
        return real is not null && IsInside(realRoot, real) && !Directory.Exists(real) ? real : null;
    }

    /// <summary>
    /// <paramref name="path"/> with every symbolic link among its components below <paramref name="from"/> resolved;
    /// components that do not exist are kept as they are. Null when a link cannot be followed.
    /// </summary>
    private static string? RealPath(string from, string path)
    {
        var current = from;
        foreach (var part in Path.GetRelativePath(from, path).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.Exists && info.LinkTarget is not null)
            {
                try
                {
                    current = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                }
                catch (IOException)
                {
                    return null;
                }

                if (current is null)
                {
                    return null;
                }
            }
        }

        return current;
    }

    private static bool IsInside(string root, string path) =>
        path.StartsWith(root + "/", StringComparison.Ordinal);
}
