using Jiyul.Hub.Conversations;

namespace Jiyul.Hub.Models.Offline;

/// <summary>
/// Takes apart a user message the hub wrote with <see cref="AttachmentNotes"/>: the question the user typed, and the
/// text of each attached file. A message without attachments is all question. Runtimes may wrap the message in words
/// of their own, so the blocks are looked for anywhere in it.
/// </summary>
internal static class AttachedText
{
    public static (string Question, IReadOnlyList<AttachedDocument> Documents) Split(string userText)
    {
        ArgumentNullException.ThrowIfNull(userText);
        var list = userText.IndexOf(AttachmentNotes.ListHeading, StringComparison.Ordinal);
        if (list < 0)
        {
            return (userText, []);
        }

        var documents = new List<AttachedDocument>();
        var at = list;
        while ((at = userText.IndexOf(AttachmentNotes.OpenTag, at, StringComparison.Ordinal)) >= 0)
        {
            var nameStart = at + AttachmentNotes.OpenTag.Length;
            var nameEnd = userText.IndexOf("\">", nameStart, StringComparison.Ordinal);
            var close = nameEnd < 0 ? -1 : userText.IndexOf(AttachmentNotes.CloseTag, nameEnd, StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            var text = userText[(nameEnd + 2)..close].Trim();
            documents.Add(new AttachedDocument(userText[nameStart..nameEnd], text));
            at = close + AttachmentNotes.CloseTag.Length;
        }

        return (userText[..list].TrimEnd(), documents);
    }
}
