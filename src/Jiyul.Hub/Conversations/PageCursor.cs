using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Jiyul.Hub.Conversations;

/// <summary>
/// Opaque paging cursors. A conversation cursor is the last item's <c>UpdatedAt</c> and id (conversations are listed
/// by both, newest first); a message cursor is the last item's sequence number. Clients must not build them: they
/// are versioned base64url text, and one that does not read back is a 400, never a guess.
/// </summary>
internal static class PageCursor
{
    private const string ConversationPrefix = "c1:";
    private const string MessagePrefix = "m1:";

    public static string ForConversation(DateTimeOffset updatedAt, Guid id) =>
        Encode(string.Create(CultureInfo.InvariantCulture, $"{ConversationPrefix}{updatedAt.UtcTicks}:{id:N}"));

    public static string ForMessage(int sequence) =>
        Encode(string.Create(CultureInfo.InvariantCulture, $"{MessagePrefix}{sequence}"));

    public static bool TryReadConversation(string cursor, out DateTimeOffset updatedAt, out Guid id)
    {
        updatedAt = default;
        id = default;
        var text = Decode(cursor);
        if (text is null || !text.StartsWith(ConversationPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = text[ConversationPrefix.Length..].Split(':');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(parts[1], "N", out id))
        {
            return false;
        }

        updatedAt = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    public static bool TryReadMessage(string cursor, out int sequence)
    {
        sequence = 0;
        var text = Decode(cursor);
        return text is not null && text.StartsWith(MessagePrefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(MessagePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static string? Decode(string cursor)
    {
        if (cursor.Length > 200)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
