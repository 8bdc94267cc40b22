using System.Text;

namespace Jiyul.Hub.Models.Offline;

/// <summary>
/// The offline model's wording: the passage quoted as it stands in the pack, then where it comes from, framed in
/// Korean when the question has Hangul in it and in English otherwise. The passage itself is never rewritten:
/// a quote is only worth citing if it is exact.
/// </summary>
internal static class OfflineAnswer
{
    private const int MaxQuoteLength = 1500;

    public static string Compose(PackPassage? passage, bool korean, (string Name, string Excerpt)? attached = null)
    {
        var text = new StringBuilder();
        if (attached is { } file)
        {
            text.Append(korean ? $"첨부하신 「{file.Name}」에서 질문과 관련된 부분입니다." : $"From your attachment \"{file.Name}\":");
            text.Append("\n\n");
            Quote(text, file.Excerpt);
            text.Append('\n');
        }

        if (passage is null)
        {
            text.Append(korean
                ? "지식 팩에서 이 질문에 답할 내용을 찾지 못했습니다. " +
                  "질문을 바꾸어 보시거나, 지식 팩이 다루는 주제로 물어봐 주세요."
                : "I found nothing in the knowledge pack that answers this question. " +
                  "Please rephrase it, or ask about a topic the pack covers.");
            return text.ToString();
        }

        text.Append(korean ? "지식 팩에서 찾은 관련 내용입니다." : "Here is what the knowledge pack says about this:");
        text.Append("\n\n");
        Quote(text, Shorten(passage.Text));

        text.Append('\n').Append(korean ? "출처: " : "Source: ").Append(passage.Source);
        if (passage.Heading.Length > 0)
        {
            text.Append(korean ? $" — 「{passage.Heading}」" : $" — \"{passage.Heading}\"");
        }

        if (!string.IsNullOrWhiteSpace(passage.AsOf))
        {
            text.Append(korean ? $" (기준일: {passage.AsOf})" : $" (as of {passage.AsOf})");
        }

        return text.ToString();
    }

    private static void Quote(StringBuilder text, string quoted)
    {
        foreach (var line in quoted.Split('\n'))
        {
            text.Append(line.Length == 0 ? ">" : "> " + line).Append('\n');
        }
    }

    // A long section is cut at a line or word boundary, and the cut is marked, so the quote never ends mid-word.
    private static string Shorten(string text)
    {
        if (text.Length <= MaxQuoteLength)
        {
            return text;
        }

        var cut = text.LastIndexOf('\n', MaxQuoteLength);
        if (cut < MaxQuoteLength / 2)
        {
            cut = text.LastIndexOf(' ', MaxQuoteLength);
        }

        return text[..(cut > 0 ? cut : MaxQuoteLength)].TrimEnd() + " …";
    }
}
