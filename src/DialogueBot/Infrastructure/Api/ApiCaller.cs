using System.Security.Claims;
using DialogueBot.Org;

namespace DialogueBot.Infrastructure.Api;

/// <summary>An exception to an endpoint's role rule, decided server-side (e.g. the first org chart import of a fresh deployment).</summary>
public interface IRoleAllowance
{
    Task<bool> AllowsAsync(Caller caller, CancellationToken cancellationToken);
}

/// <summary>Role checks for HTTP endpoints, against the org chart (never against anything the caller sent).</summary>
public static class ApiCaller
{
    internal static readonly object CallerKey = new();

    /// <summary>Requires an authenticated caller holding any of <paramref name="roles"/>: 401 without identity, 403 without the role.</summary>
    public static TBuilder RequireOrgRole<TBuilder>(this TBuilder builder, OrgRole roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddRoleFilter(roles, _ => null);

    /// <summary>As <see cref="RequireOrgRole{TBuilder}(TBuilder, OrgRole)"/>, and also lets in a caller <typeparamref name="TAllowance"/> allows.</summary>
    public static RouteHandlerBuilder RequireOrgRole<TAllowance>(this RouteHandlerBuilder builder, OrgRole roles)
        where TAllowance : class, IRoleAllowance =>
        builder.AddRoleFilter(roles, services => ActivatorUtilities.CreateInstance<TAllowance>(services));

    /// <summary>403 for a signed-in person the org chart does not know: their role cannot be known.</summary>
    public static IResult NotInOrgChart() => Results.Problem(
        title: "Not in the org chart",
        detail: "You are signed in, but your account is not in your organisation's chart in DialogueBot, so it cannot tell your role. Ask HR to add you to the org chart.",
        statusCode: StatusCodes.Status403Forbidden);

    /// <summary>The caller of this request (after <see cref="RequireOrgRole{TBuilder}(TBuilder, OrgRole)"/> it is never null).</summary>
    public static Caller GetCaller(this HttpContext http) =>
        http.Items.TryGetValue(CallerKey, out var c) && c is Caller caller ? caller : throw new InvalidOperationException("No caller: the endpoint lacks RequireOrgRole.");

    // The filter is built with the endpoint (composition time), its services injected by the container.
    private static TBuilder AddRoleFilter<TBuilder>(this TBuilder builder, OrgRole roles, Func<IServiceProvider, IRoleAllowance?> allowance)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization();
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var services = factory.ApplicationServices;
            var filter = ActivatorUtilities.CreateInstance<OrgRoleFilter>(services, new OrgRoleRequirement(roles, allowance(services)));
            return context => filter.InvokeAsync(context, next);
        });
        return builder;
    }
}

internal sealed record OrgRoleRequirement(OrgRole Roles, IRoleAllowance? AlsoAllow);

/// <summary>Resolves the request's caller from the token's object id and enforces the endpoint's roles.</summary>
internal sealed class OrgRoleFilter(OrgDirectory directory, OrgRoleRequirement requirement) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = await ResolveAsync(http);
        if (caller is null)
        {
            return Results.Problem(title: "Unauthorized", detail: "Sign in to use this API.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var roles = requirement.Roles;
        if (requirement.AlsoAllow is { } alsoAllow && !caller.HasAny(roles) && await alsoAllow.AllowsAsync(caller, http.RequestAborted))
        {
            return await next(context);
        }

        if (roles != OrgRole.None && caller.Person is null)
        {
            return ApiCaller.NotInOrgChart();
        }

        if (roles != OrgRole.None && !caller.HasAny(roles))
        {
            return Results.Problem(title: "Forbidden", detail: $"This needs the {OrgRoles.Describe(roles).Replace(", ", " or ", StringComparison.Ordinal)} role in the org chart.", statusCode: StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }

    private async Task<Caller?> ResolveAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(ApiCaller.CallerKey, out var cached) && cached is Caller known)
        {
            return known;
        }

        var oid = http.User.FindFirstValue(ApiAuthenticationHandler.ObjectIdClaim);
        if (string.IsNullOrEmpty(oid))
        {
            return null;
        }

        var caller = new Caller(oid, await directory.FindByAadObjectIdAsync(oid, http.RequestAborted));
        http.Items[ApiCaller.CallerKey] = caller;
        return caller;
    }
}
