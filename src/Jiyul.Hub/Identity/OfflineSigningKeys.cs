using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Jiyul.Hub.Identity;

/// <summary>The keys of <see cref="JwtOptions.SigningKeysFile"/>, read once; null when no file is configured.</summary>
internal sealed class OfflineSigningKeys(IOptions<HubIdentityOptions> options, IHostEnvironment environment)
{
    private readonly Lazy<IReadOnlyList<SecurityKey>?> _keys = new(() => Load(options.Value, environment));

    public IReadOnlyList<SecurityKey>? Keys => _keys.Value;

    public static string? ResolvePath(JwtOptions jwt, IHostEnvironment environment) =>
        string.IsNullOrWhiteSpace(jwt.SigningKeysFile)
            ? null
            : Path.GetFullPath(jwt.SigningKeysFile, environment.ContentRootPath);

    private static IReadOnlyList<SecurityKey>? Load(HubIdentityOptions options, IHostEnvironment environment)
    {
        var path = ResolvePath(options.Jwt, environment);
        if (path is null)
        {
            return null;
        }

        // The options validator has read this file already; failing here means it changed since start-up.
        return SigningKeysFile.TryRead(path, out var keys, out var problem)
            ? keys
            : throw new InvalidOperationException($"Identity:Jwt:SigningKeysFile '{path}' {problem}.");
    }
}
