using System.Security.Claims;
using Jiyul.Hub.Hosting;
using Jiyul.Hub.Identity;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Admin;

/// <summary>
/// Lets only the admins of <see cref="AdminOptions.Users"/> through to <c>/api/admin</c>; anyone else signed in gets
/// 403 with the reason <c>not-admin</c>. The admin endpoints are documented, so hiding them behind 404 would hide
/// nothing, and a 403 tells a misconfigured admin what is wrong.
/// </summary>
internal sealed partial class AdminAccess(IOptionsMonitor<AdminOptions> options, ILogger<AdminAccess> logger) : IEndpointFilter
{
    public bool IsAdmin(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var admins = options.CurrentValue.Users;
        var uid = user.GetUid();
        var email = user.GetEmail();
        return admins.Any(admin =>
            (uid is not null && string.Equals(admin, uid, StringComparison.Ordinal))
            || (email is not null && string.Equals(admin, email, StringComparison.OrdinalIgnoreCase)));
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var user = context.HttpContext.User;
        if (!IsAdmin(user))
        {
            // The endpoint's name, not the path: a path may carry another user's uid.
            var endpoint = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "admin";
            Log.AdminRefused(logger, endpoint, Cells.UidHash.Of(user.GetUid() ?? ""));
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "Admins only",
                "This endpoint is for the hub's admins (setting Admin:Users).", "not-admin");
        }

        return await next(context);
    }
}
