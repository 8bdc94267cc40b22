namespace Jiyul.Hub.Files;

/// <summary>An accepted kind of file: the content type it is served with and the extensions its name may carry.</summary>
internal sealed record FileType(string ContentType, string Extension, params string[] OtherExtensions)
{
    public static readonly FileType Pdf = new("application/pdf", ".pdf");
    public static readonly FileType Png = new("image/png", ".png");
    public static readonly FileType Jpeg = new("image/jpeg", ".jpg", ".jpeg", ".jpe");
    public static readonly FileType Webp = new("image/webp", ".webp");
    public static readonly FileType Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
    public static readonly FileType Text = new("text/plain; charset=utf-8", ".txt");
    public static readonly FileType Markdown = new("text/markdown; charset=utf-8", ".md", ".markdown");

    /// <summary>Text is text whatever its name says (notes.csv, README); binary types must carry their extension.</summary>
    public bool IsText => this == Text || this == Markdown;

    public bool Matches(string extension) =>
        string.Equals(extension, Extension, StringComparison.OrdinalIgnoreCase)
        || OtherExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase);
}
