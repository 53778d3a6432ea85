using System.Security.Claims;
using DialogueBot.Org;

namespace DialogueBot.Infrastructure.Api;

/// <summary>Role checks for HTTP endpoints, against the org chart (never against anything the caller sent).</summary>
public static class ApiCaller
{
    private static readonly object CallerKey = new();

    /// <summary>Requires an authenticated caller holding any of <paramref name="roles"/>: 401 without identity, 403 without the role.</summary>
    /// <param name="alsoAllow">An exception decided server-side (e.g. the first org chart import), or null.</param>
    public static TBuilder RequireOrgRole<TBuilder>(this TBuilder builder, OrgRole roles, Func<HttpContext, Caller, Task<bool>>? alsoAllow = null)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization();
        builder.AddEndpointFilter(async (context, next) =>
        {
            var caller = await ResolveAsync(context.HttpContext);
            if (caller is null)
            {
                return Results.Problem(title: "Unauthorized", detail: "Sign in to use this API.", statusCode: StatusCodes.Status401Unauthorized);
            }

            if (alsoAllow is not null && !caller.HasAny(roles) && await alsoAllow(context.HttpContext, caller))
            {
                return await next(context);
            }

            if (roles != OrgRole.None && caller.Person is null)
            {
                return NotInOrgChart();
            }

            if (roles != OrgRole.None && !caller.HasAny(roles))
            {
                return Results.Problem(title: "Forbidden", detail: $"This needs the {OrgRoles.Describe(roles).Replace(", ", " or ", StringComparison.Ordinal)} role in the org chart.", statusCode: StatusCodes.Status403Forbidden);
            }

            return await next(context);
        });
        return builder;
    }

    /// <summary>403 for a signed-in person the org chart does not know: their role cannot be known.</summary>
    public static IResult NotInOrgChart() => Results.Problem(
        title: "Not in the org chart",
        detail: "You are signed in, but your account is not in your organisation's chart in DialogueBot, so it cannot tell your role. Ask HR to add you to the org chart.",
        statusCode: StatusCodes.Status403Forbidden);

    /// <summary>The caller of this request (after <see cref="RequireOrgRole{TBuilder}"/> it is never null).</summary>
    public static Caller GetCaller(this HttpContext http) =>
        http.Items.TryGetValue(CallerKey, out var c) && c is Caller caller ? caller : throw new InvalidOperationException("No caller: the endpoint lacks RequireOrgRole.");

    public static async Task<Caller?> ResolveAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(CallerKey, out var cached) && cached is Caller known)
        {
            return known;
        }

        var oid = http.User.FindFirstValue(ApiAuthenticationHandler.ObjectIdClaim);
        if (string.IsNullOrEmpty(oid))
        {
            return null;
        }

        var person = await http.RequestServices.GetRequiredService<OrgDirectory>().FindByAadObjectIdAsync(oid, http.RequestAborted);
        var caller = new Caller(oid, person);
        http.Items[CallerKey] = caller;
        return caller;
    }
}
