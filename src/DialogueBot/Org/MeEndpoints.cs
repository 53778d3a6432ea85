using DialogueBot.Infrastructure.Api;

namespace DialogueBot.Org;

/// <summary>
/// <c>GET /api/me</c>: who the signed-in caller is and what they may do, from the org chart. The tab pages
/// use it to greet the person and to show only what their roles allow (the other endpoints still check).
/// </summary>
public static class MeEndpoints
{
    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/me", (HttpContext http) =>
        {
            var caller = http.GetCaller();
            if (caller.Person is null)
            {
                return ApiCaller.NotInOrgChart();
            }

            return Results.Ok(new MeResponse(caller.Person.Name, caller.FirstName, RoleNames(caller.Roles), caller.Person.OrgUnit));
        }).RequireOrgRole(OrgRole.None).WithTags("Org");
        return endpoints;
    }

    private static List<string> RoleNames(OrgRole roles) =>
        Enum.GetValues<OrgRole>().Where(r => r != OrgRole.None && roles.HasFlag(r)).Select(r => r.ToString().ToLowerInvariant()).ToList();
}

/// <param name="Roles">"manager", "executive", "hr": empty for a member with none (or on leave).</param>
public sealed record MeResponse(string Name, string FirstName, IReadOnlyList<string> Roles, string OrgUnit);
