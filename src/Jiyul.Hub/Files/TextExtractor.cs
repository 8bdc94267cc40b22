using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Jiyul.Hub.Files;

/// <summary>
/// Plain text of a PDF (PdfPig, in reading order, a blank line between pages) or a DOCX (Open XML SDK, a line per
/// paragraph), so that an assistant without a PDF or Word reader can still read contracts and notices. A PDF made of
/// scanned images has no text layer: its text comes out empty, and no OCR is attempted.
/// </summary>
internal static class TextExtractor
{
    /// <summary>Text beyond this is cut (with a note saying so): an assistant reads a contract, not a library.</summary>
    public const int MaxChars = 2_000_000;

    public static bool CanExtract(string contentType) =>
        contentType == FileType.Pdf.ContentType || contentType == FileType.Docx.ContentType;

    /// <summary>The text of the file at <paramref name="path"/>; null for a type that has none to extract.</summary>
    public static string? Extract(string path, string contentType)
    {
        if (contentType == FileType.Pdf.ContentType)
        {
            return FromPdf(path);
        }

        return contentType == FileType.Docx.ContentType ? FromDocx(path) : null;
    }

    private static string FromPdf(string path)
    {
        using var document = PdfDocument.Open(path);
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            if (text.Length > 0)
            {
                text.AppendLine().AppendLine();
            }

            text.Append(ContentOrderTextExtractor.GetText(page));
            if (text.Length > MaxChars)
            {
                break;
            }
        }

        return Cap(text);
    }

    private static string FromDocx(string path)
    {
        using var document = WordprocessingDocument.Open(path, isEditable: false);
        var body = document.MainDocumentPart?.Document?.Body;
        var text = new StringBuilder();
        foreach (var paragraph in body?.Descendants<Paragraph>() ?? [])
        {
            text.AppendLine(paragraph.InnerText);
            if (text.Length > MaxChars)
            {
                break;
            }
        }

        return Cap(text);
    }

    private static string Cap(StringBuilder text)
    {
        if (text.Length <= MaxChars)
        {
            return text.ToString();
        }

        text.Length = MaxChars;
        return text.AppendLine().Append("[Text cut at ").Append(MaxChars).Append(" characters.]").ToString();
    }
}
