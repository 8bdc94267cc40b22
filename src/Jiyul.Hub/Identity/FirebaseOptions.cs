namespace Jiyul.Hub.Identity;

/// <summary>Firebase Authentication ID tokens (section <c>Identity:Firebase</c>).</summary>
public sealed record FirebaseOptions
{
    /// <summary>The Firebase project id; empty turns Firebase sign-in off.</summary>
    public string? ProjectId { get; init; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ProjectId);

    /// <summary>What Firebase puts in <c>iss</c>; also where its signing keys are published.</summary>
    public string Issuer => "https://securetoken.google.com/" + ProjectId;
}
