namespace Jiyul.Hub.Identity;

/// <summary>What <c>GET /api/config</c> answers: which sign-in methods are on, and Firebase's public web settings.</summary>
internal sealed record PublicConfigAnswer(PublicSignInMethods SignIn, FirebaseWebConfig? Firebase);

/// <summary>The sign-in methods a client may offer.</summary>
internal sealed record PublicSignInMethods(bool Local, bool Registration, bool Firebase, bool Oidc);

/// <summary>The settings the Firebase JS SDK starts with; all public by Firebase's design.</summary>
internal sealed record FirebaseWebConfig(string ApiKey, string AuthDomain, string ProjectId, string? AppId);
