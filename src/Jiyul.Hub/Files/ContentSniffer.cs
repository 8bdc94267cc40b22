using System.IO.Compression;

namespace Jiyul.Hub.Files;

/// <summary>
/// Decides a file's type from its bytes: magic numbers for PDF, PNG, JPEG and WebP; for a ZIP, whether it holds a Word
/// document's main part; otherwise text, if every byte of it is valid UTF-8 without control characters. Neither the
/// name nor the content type the client sent is trusted; the name only tells Markdown from plain text.
/// </summary>
internal static class ContentSniffer
{
    /// <summary>How many leading bytes <see cref="SniffHead"/> wants; fewer only when the file is shorter.</summary>
    public const int HeadLength = 1024;

    public const string DocxMainPart = "word/document.xml";

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;

    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> ZipMagic => "PK\u0003\u0004"u8;

    /// <summary>What the first bytes say; <see cref="HeadKind.Other"/> means "text, if the whole file turns out so".</summary>
    public static HeadKind SniffHead(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(PdfMagic))
        {
            return HeadKind.Pdf;
        }

        if (head.StartsWith(PngMagic))
        {
            return HeadKind.Png;
        }

        if (head.StartsWith(JpegMagic))
        {
            return HeadKind.Jpeg;
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return HeadKind.Webp;
        }

        return head.StartsWith(ZipMagic) ? HeadKind.Zip : HeadKind.Other;
    }

    /// <summary>Whether the ZIP archive is a Word document: its entries name the main document part.</summary>
    public static bool IsDocx(Stream archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        try
        {
            using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
            return zip.GetEntry(DocxMainPart) is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Plain text is labelled Markdown when its name says so.</summary>
    public static FileType TextTypeFor(string name) =>
        FileType.Markdown.Matches(Path.GetExtension(name)) ? FileType.Markdown : FileType.Text;

    public static FileType? TypeOf(HeadKind kind) => kind switch
    {
        HeadKind.Pdf => FileType.Pdf,
        HeadKind.Png => FileType.Png,
        HeadKind.Jpeg => FileType.Jpeg,
        HeadKind.Webp => FileType.Webp,
        _ => null,
    };
}
