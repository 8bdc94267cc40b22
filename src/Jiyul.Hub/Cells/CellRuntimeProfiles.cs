namespace Jiyul.Hub.Cells;

/// <summary>Finds the profile of a runtime by name.</summary>
internal sealed class CellRuntimeProfiles(IEnumerable<ICellRuntimeProfile> profiles)
{
    private readonly Dictionary<string, ICellRuntimeProfile> _byName =
        profiles.ToDictionary(p => p.Runtime, StringComparer.Ordinal);

    public ICellRuntimeProfile Get(string runtime) =>
        _byName.TryGetValue(runtime, out var profile)
            ? profile
            : throw new CellStartException($"No runtime profile is registered for '{runtime}'.");
}
