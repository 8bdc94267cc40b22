namespace Jiyul.Hub.Identity;

/// <summary>Firebase Authentication ID tokens (section <c>Identity:Firebase</c>).</summary>
public sealed record FirebaseOptions
{
    /// <summary>The Firebase project id; empty turns Firebase sign-in off.</summary>
    public string? ProjectId { get; init; }

    /// <summary>
    /// The web API key of the Firebase project, which the web app needs to run Google sign-in. It is public (it
    /// identifies the project, it grants nothing); empty keeps the web app's Google button hidden.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>The domain Firebase Auth serves its sign-in pages from; empty means <c>&lt;project&gt;.firebaseapp.com</c>.</summary>
    public string? AuthDomain { get; init; }

    /// <summary>The Firebase web app id; optional.</summary>
    public string? AppId { get; init; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ProjectId);

    /// <summary>What Firebase puts in <c>iss</c>; also where its signing keys are published.</summary>
    public string Issuer => "https://securetoken.google.com/" + ProjectId;
}
