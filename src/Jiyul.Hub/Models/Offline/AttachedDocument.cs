namespace Jiyul.Hub.Models.Offline;

/// <summary>The text of one file attached to the question, as the hub wrote it into the message.</summary>
internal sealed record AttachedDocument(string Name, string Text);
