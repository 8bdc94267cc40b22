using Jiyul.Hub.Data;

namespace Jiyul.Hub.Profile;

/// <summary>The profile as <c>/api/me</c> answers it; a field not given is an empty string, never null.</summary>
internal sealed record ProfileAnswer(string DisplayName, string Language, string About)
{
    public static ProfileAnswer Of(UserProfile profile) =>
        new(profile.DisplayName ?? "", profile.Language, profile.About ?? "");
}
