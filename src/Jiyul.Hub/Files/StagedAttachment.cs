namespace Jiyul.Hub.Files;

/// <summary>
/// A file placed in the owner's workspace for a message. Paths are as the cell sees them (the workspace is mounted at
/// <c>/home/jiyul/workspace</c> by every runtime), ready to tell the assistant where to read.
/// </summary>
/// <param name="FileId">The file's id.</param>
/// <param name="Name">The sanitised name, as the user knows it.</param>
/// <param name="ContentType">The sniffed content type.</param>
/// <param name="CellPath">The file itself, inside the cell.</param>
/// <param name="TextCellPath">Its extracted text (PDF and DOCX), inside the cell; null when there is none.</param>
public sealed record StagedAttachment(Guid FileId, string Name, string ContentType, string CellPath, string? TextCellPath);
