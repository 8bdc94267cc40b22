namespace Jiyul.Hub.Cells;

/// <summary>Memory a running cell uses (without page cache the kernel can drop), and its limit when it has one.</summary>
internal sealed record CellMemory(long UsedBytes, long? LimitBytes);
