namespace Jiyul.Hub.Cells;

/// <summary>Everything that shapes a user's cell; the engine turns it into a container.</summary>
internal sealed record CellSpec
{
    public required string UidHash { get; init; }

    public required string Runtime { get; init; }

    /// <summary>The image as the engine identifies it (an image id), so that a rebuilt tag counts as a change.</summary>
    public required string ImageId { get; init; }

    public required string ImageName { get; init; }

    /// <summary>The token the hub presents to the cell and the cell presents to the model socket.</summary>
    public required string CellToken { get; init; }

    public required string WorkspaceDirectory { get; init; }

    public required string RunDirectory { get; init; }

    public required string StateDirectory { get; init; }

    public required string ModelDirectory { get; init; }

    public required string SkillsDirectory { get; init; }

    public required int UserId { get; init; }

    public required int GroupId { get; init; }

    public required long MemoryBytes { get; init; }

    public required double Cpus { get; init; }

    public required long PidsLimit { get; init; }

    public required long TmpfsBytes { get; init; }

    /// <summary>
    /// The container's environment, from the runtime's profile. Left out of <see cref="Hash"/>: it carries the
    /// token, and what the runtime is already shows in <see cref="Runtime"/> and <see cref="ImageId"/>.
    /// </summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary>
    /// A hash of the stable inputs only (image id, runtime, limits, user, mounts). The token is left out: it is
    /// derived, and would re-create cells if the way it is made ever changed without the cell being any different.
    /// </summary>
    public string Hash()
    {
        var text = string.Join('\n',
            "v1", Runtime, ImageId, UserId, GroupId, MemoryBytes, Cpus.ToString(System.Globalization.CultureInfo.InvariantCulture),
            PidsLimit, TmpfsBytes, WorkspaceDirectory, RunDirectory, StateDirectory, ModelDirectory, SkillsDirectory);
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(digest)[..32];
    }
}
