namespace Jiyul.Hub.Cells;

/// <summary>Labels the hub puts on its containers; it acts only on containers that carry them.</summary>
internal static class CellLabels
{
    public const string Managed = "jiyul.managed";
    public const string Instance = "jiyul.instance";
    public const string UidHash = "jiyul.uid-hash";
    public const string Runtime = "jiyul.runtime";
    public const string ImageId = "jiyul.image-id";
    public const string SpecHash = "jiyul.spec-hash";

    /// <summary>Container name: from the uid hash, never from the uid itself.</summary>
    public static string ContainerName(string uidHash) => "jiyul-" + uidHash;
}
