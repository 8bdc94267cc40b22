namespace Jiyul.Hub.Cells;

/// <summary>A start that cannot succeed, with a reason fit to show the user and the operator.</summary>
internal sealed class CellStartException(string message) : Exception(message);
