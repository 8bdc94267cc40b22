using System.Text;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Files;
using Jiyul.Hub.Hosting;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Conversations;

/// <summary>
/// Writes what the cell receives for a user message that has attachments: the user's text, then a list of the files
/// with their paths inside the cell, then each file's text between <see cref="OpenTag"/> and <see cref="CloseTag"/>
/// (a PDF's or DOCX's extracted text, or a text file itself), cut at
/// <see cref="ConversationsOptions.MaxAttachmentTextChars"/>. The text is given inline so that every runtime and every
/// model can answer from it, tools or not; the paths let an assistant with file tools read the rest. The stored
/// message keeps only what the user wrote.
/// </summary>
internal sealed class AttachmentNotes(HubPaths paths, IOptions<ConversationsOptions> options)
{
    /// <summary>Starts the list of files; the offline model looks for it to tell the question from the files.</summary>
    public const string ListHeading = "[Attached files — copies are in your workspace]";

    /// <summary>Opens a file's text; the name follows in double quotes (names never hold one), then <c>"&gt;</c>.</summary>
    public const string OpenTag = "<attachment name=\"";

    public const string CloseTag = "</attachment>";

    /// <summary>The user's text with the note of <paramref name="attachments"/> after it; the text alone when there are none.</summary>
    public async Task<string> ComposeAsync(
        string uidHash,
        string content,
        IReadOnlyList<TurnAttachment> attachments,
        CancellationToken cancellationToken)
    {
        if (attachments.Count == 0)
        {
            return content;
        }

        var note = new StringBuilder(content.TrimEnd()).Append("\n\n").Append(ListHeading).Append('\n');
        var texts = new List<(string Name, string Path, string Text, bool Cut)>();
        var folder = Path.Combine(paths.WorkspaceDirectory(uidHash), AttachmentStager.Folder);
        foreach (var attachment in attachments)
        {
            var relative = $"{attachment.FileId:N}/{attachment.Name}";
            var inCell = $"{CellPaths.Workspace}/{AttachmentStager.Folder}/{relative}";
            var onHost = Path.Combine(folder, attachment.FileId.ToString("N"), attachment.Name);
            note.Append("- ").Append(attachment.Name);
            if (attachment.ContentType is { } type)
            {
                note.Append(" (").Append(type.Split(';')[0]).Append(')');
            }

            note.Append("\n  file: ").Append(inCell).Append('\n');
            if (!File.Exists(onHost))
            {
                note.Append("  (no longer in the workspace)\n");
                continue;
            }

            var (textOnHost, textInCell) = File.Exists(onHost + ".txt")
                ? (onHost + ".txt", inCell + ".txt")
                : IsText(attachment) ? (onHost, inCell) : (null, null);
            if (textOnHost is null || textInCell is null)
            {
                continue;
            }

            if (textInCell != inCell)
            {
                note.Append("  text: ").Append(textInCell).Append('\n');
            }

            var (text, cut) = await ReadStartAsync(textOnHost, options.Value.MaxAttachmentTextChars, cancellationToken);
            if (text.Length > 0)
            {
                texts.Add((attachment.Name, textInCell, text, cut));
            }
        }

        foreach (var (name, path, text, cut) in texts)
        {
            note.Append('\n').Append(OpenTag).Append(name).Append("\">\n");

            // A document cannot close its own block early and pass the rest off as something else.
            note.Append(text.Replace(CloseTag, "<\\/attachment>", StringComparison.OrdinalIgnoreCase).TrimEnd()).Append('\n');
            if (cut)
            {
                note.Append("[… cut here; the whole text is in ").Append(path).Append("]\n");
            }

            note.Append(CloseTag).Append('\n');
        }

        return note.ToString().TrimEnd();
    }

    // The type is known while the file's record lives; after it is swept, the name is all there is to go on.
    private static bool IsText(TurnAttachment attachment) => attachment.ContentType is { } type
        ? type.StartsWith("text/", StringComparison.Ordinal)
        : FileType.Text.Matches(Path.GetExtension(attachment.Name)) || FileType.Markdown.Matches(Path.GetExtension(attachment.Name));

    private static async Task<(string Text, bool Cut)> ReadStartAsync(string path, int maxChars, CancellationToken cancellationToken)
    {
        if (maxChars == 0)
        {
            return ("", true);
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[maxChars + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read > maxChars ? (new string(buffer, 0, maxChars), true) : (new string(buffer, 0, read), false);
    }
}
