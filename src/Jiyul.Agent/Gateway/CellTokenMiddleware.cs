using System.Security.Cryptography;
using System.Text;
using Jiyul.Agent.Hosting;
using Jiyul.Agent.OpenAi;
using Microsoft.Extensions.Primitives;

namespace Jiyul.Agent.Gateway;

/// <summary>
/// Lets a request through only when it carries the cell token as a bearer token. Only the hub knows the token;
/// readiness stays open so the hub can poll it before it has anything to say.
/// </summary>
internal sealed class CellTokenMiddleware(
    RequestDelegate next,
    AgentOptions options,
    ILogger<CellTokenMiddleware> logger)
{
    private const string BearerPrefix = "Bearer ";

    // Not a digest of the token: hashing on Linux goes through OpenSSL, which the cell image does not carry.
    // The comparison stays constant-time in the token's content; its length is all it could give away.
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(options.CellToken);

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Path.Equals(GatewayEndpoints.ReadinessPath, StringComparison.Ordinal)
            || IsCellToken(context.Request.Headers.Authorization))
        {
            return next(context);
        }

        Log.RequestUnauthenticated(logger, context.Request.Method, context.Request.Path);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return OpenAiError.Result(
                StatusCodes.Status401Unauthorized,
                OpenAiError.AuthenticationType,
                "A valid bearer token is required.")
            .ExecuteAsync(context);
    }

    private bool IsCellToken(StringValues header)
    {
        if (header.Count != 1 || header[0] is not { } value
            || !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = value[BearerPrefix.Length..].Trim();
        if (presented.Length == 0)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected);
    }
}
