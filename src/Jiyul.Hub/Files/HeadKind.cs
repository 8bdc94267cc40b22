namespace Jiyul.Hub.Files;

/// <summary>What a file's first bytes say it is.</summary>
internal enum HeadKind
{
    /// <summary>No known magic number: text if the whole of it is, else refused.</summary>
    Other,
    Pdf,
    Png,
    Jpeg,
    Webp,

    /// <summary>A ZIP archive: accepted only as a Word document.</summary>
    Zip,
}
