using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Jiyul.Hub.Models;

/// <summary>
/// How the hub writes JSON on the wire. The default encoder escapes every non-ASCII character, which makes a
/// Korean answer six bytes a syllable and unreadable in a trace; this one writes letters of every script as they are.
/// </summary>
internal static class WireJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };
}
