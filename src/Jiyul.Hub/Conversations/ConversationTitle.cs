namespace Jiyul.Hub.Conversations;

/// <summary>Titles: the user's own, checked, or one made from the first message.</summary>
internal static class ConversationTitle
{
    /// <summary>Longest title kept; the store holds up to 200 characters.</summary>
    public const int MaxLength = 200;

    /// <summary>Length a title taken from a message is cut to, at a word boundary when there is one.</summary>
    public const int DerivedLength = 60;

    /// <summary>
    /// The first non-blank line of the message, its whitespace collapsed, cut to about
    /// <see cref="DerivedLength"/> characters at the last space before the cut (or at the cut itself for a text
    /// without spaces, as Korean often has none in a long phrase), with an ellipsis when something was cut.
    /// </summary>
    public static string FromMessage(string content)
    {
        var line = content.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        line = string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= DerivedLength)
        {
            return line;
        }

        var cut = line.LastIndexOf(' ', DerivedLength);
        var end = cut >= DerivedLength / 2 ? cut : DerivedLength;
        if (char.IsHighSurrogate(line[end - 1]))
        {
            end--;
        }

        return line[..end].TrimEnd() + "…";
    }
}
