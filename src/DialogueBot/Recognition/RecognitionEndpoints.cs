using DialogueBot.Infrastructure.Api;
using DialogueBot.Org;
using DialogueBot.Recognition.Digests;
using DialogueBot.Recognition.Model;
using DialogueBot.Recognition.Nominations;

namespace DialogueBot.Recognition;

/// <summary>
/// The recognition API, for the Recognition tab and automation. Reading the queue and the overview, and
/// reviewing, need HR or an executive; the digest's audience and sending need HR. Checked by the endpoint
/// filter and again by the service.
/// </summary>
public static class RecognitionEndpoints
{
    public static IEndpointRouteBuilder MapRecognitionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/recognition").WithTags("Recognition");
        group.MapGet("/categories", (RecognitionService service) => Results.Ok(service.Options.EffectiveCategories)).RequireOrgRole(OrgRole.None);
        group.MapPost("/nominations", NominateAsync).RequireOrgRole(OrgRole.None);
        group.MapGet("/nominations", ListAsync).RequireOrgRole(OrgRole.HR | OrgRole.Executive);
        group.MapPost("/nominations/{id}/review", ReviewAsync).RequireOrgRole(OrgRole.HR | OrgRole.Executive);
        group.MapGet("/overview", async (RecognitionService service, CancellationToken ct) => Results.Ok(await service.OverviewAsync(ct))).RequireOrgRole(OrgRole.HR | OrgRole.Executive);
        group.MapGet("/digest/audience", async (DigestAudienceRepository audiences, CancellationToken ct) => Results.Ok(AudienceDto.From(await audiences.GetAsync(ct)))).RequireOrgRole(OrgRole.HR);
        group.MapPut("/digest/audience", SetAudienceAsync).RequireOrgRole(OrgRole.HR);
        group.MapPost("/digest/{month}/send", SendDigestAsync).RequireOrgRole(OrgRole.HR);
        return endpoints;
    }

    private static async Task<IResult> NominateAsync(NominationRequest? request, HttpContext http, RecognitionService service, OrgDirectory directory, CancellationToken ct)
    {
        if (request is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send the nomination as JSON."] });
        }

        var result = await service.NominateAsync(http.GetCaller(), new NominationInput(request.NomineeId, request.Category, request.Story, request.SubmitId ?? NominationRepository.NewSubmitId()), ct);
        if (result.Problem == RecognitionProblem.Invalid && result.Errors.Count > 0)
        {
            return Results.ValidationProblem(result.Errors, title: "The nomination was not sent: fix these fields.");
        }

        return result.Ok
            ? Results.Created($"/api/recognition/nominations/{result.Nomination!.Id}", NominationDto.From(result.Nomination, await directory.GetAsync(ct), service.Options))
            : ProblemOf(result);
    }

    private static async Task<IResult> ListAsync(string? state, RecognitionService service, OrgDirectory directory, CancellationToken ct)
    {
        NominationState? filter = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (!Enum.TryParse<NominationState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Results.Problem(title: "Unknown state", detail: "state is one of pending, approved, featured, declined.", statusCode: StatusCodes.Status400BadRequest);
            }

            filter = parsed;
        }

        var org = await directory.GetAsync(ct);
        return Results.Ok((await service.ListAsync(filter, ct)).Select(n => NominationDto.From(n, org, service.Options)));
    }

    private static async Task<IResult> ReviewAsync(string id, ReviewRequest? request, HttpContext http, RecognitionService service, OrgDirectory directory, CancellationToken ct)
    {
        if (request is null || !Enum.TryParse<ReviewAction>(request.Action, ignoreCase: true, out var action) || !Enum.IsDefined(action))
        {
            return Results.Problem(title: "Unknown action", detail: "action is one of approve, feature, decline (decline needs a reason).", statusCode: StatusCodes.Status400BadRequest);
        }

        var result = await service.ReviewAsync(http.GetCaller(), id, action, request.Reason, ct);
        return result.Ok ? Results.Ok(NominationDto.From(result.Nomination!, await directory.GetAsync(ct), service.Options)) : ProblemOf(result);
    }

    private static async Task<IResult> SetAudienceAsync(AudienceDto? request, HttpContext http, DigestAudienceRepository audiences, OrgDirectory directory, CancellationToken ct)
    {
        var org = await directory.GetAsync(ct);
        var units = (request?.Units ?? []).Select(u => u.Trim()).Where(u => u.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var unknown = units.Where(u => !org.Units.Contains(u, StringComparer.OrdinalIgnoreCase)).ToList();
        var roles = OrgRole.None;
        var badRoles = new List<string>();
        foreach (var role in request?.Roles ?? [])
        {
            if (OrgRoles.TryParse(role, out var parsed))
            {
                roles |= parsed;
            }
            else
            {
                badRoles.Add(role);
            }
        }

        if (request is null || unknown.Count > 0 || badRoles.Count > 0)
        {
            var errors = new Dictionary<string, string[]>();
            if (request is null)
            {
                errors["body"] = ["Send the audience as JSON: { \"units\": [...], \"roles\": [...] }."];
            }

            if (unknown.Count > 0)
            {
                errors["units"] = [$"Not units of the org chart: {string.Join(", ", unknown)}."];
            }

            if (badRoles.Count > 0)
            {
                errors["roles"] = ["Roles are manager, executive or hr."];
            }

            return Results.ValidationProblem(errors);
        }

        var audience = new DigestAudience(units, roles);
        await audiences.SetAsync(audience, http.GetCaller().Person?.Id ?? "", ct);
        return Results.Ok(AudienceDto.From(audience) with { People = audience.Resolve(org).Count });
    }

    private static async Task<IResult> SendDigestAsync(string month, HttpContext http, RecognitionService service, CancellationToken ct)
    {
        var result = await service.SendDigestAsync(http.GetCaller(), month, ct);
        return result.Ok ? Results.Accepted(value: new { month, message = result.Message }) : ProblemOf(result);
    }

    private static IResult ProblemOf(NominationResult result) => result.Problem switch
    {
        RecognitionProblem.NotFound => Results.Problem(title: "Not found", detail: result.Message, statusCode: StatusCodes.Status404NotFound),
        RecognitionProblem.NotAllowed or RecognitionProblem.NotInOrgChart => Results.Problem(title: "Forbidden", detail: result.Message, statusCode: StatusCodes.Status403Forbidden),
        RecognitionProblem.Invalid or RecognitionProblem.SelfNomination => Results.Problem(title: "Not accepted", detail: result.Message, statusCode: StatusCodes.Status400BadRequest),
        _ => Results.Problem(title: "Not possible now", detail: result.Message, statusCode: StatusCodes.Status409Conflict),
    };
}

/// <param name="SubmitId">Optional random id (16–64 URL-safe characters): sending it again returns the same nomination.</param>
public sealed record NominationRequest(string? NomineeId, string? Category, string? Story, string? SubmitId = null);

public sealed record ReviewRequest(string? Action, string? Reason);

public sealed record AudienceDto(IReadOnlyList<string>? Units, IReadOnlyList<string>? Roles, int? People = null)
{
    public static AudienceDto From(DigestAudience audience) => new(audience.Units,
        Enum.GetValues<OrgRole>().Where(r => r != OrgRole.None && audience.Roles.HasFlag(r)).Select(r => r.ToString().ToLowerInvariant()).ToList());
}

public sealed record NominationDto(string Id, string State, string NomineeId, string NomineeName, string NomineeUnit, int NomineeLevel, string NominatorId, string NominatorName, string Category, string CategoryTitle, string Story, string Month, DateTimeOffset CreatedAt, string? DeclineReason, DateTimeOffset? FeaturedAt)
{
    public static NominationDto From(NominationEntity n, OrgSnapshot org, RecognitionOptions options)
    {
        var nominee = org.FindById(n.NomineeId);
        return new(n.Id, n.Status.ToString().ToLowerInvariant(), n.NomineeId, nominee?.Name ?? "A former colleague", nominee?.OrgUnit ?? "", nominee?.Level ?? 0,
            n.NominatorId, org.FindById(n.NominatorId)?.Name ?? "A former colleague", n.CategoryId, options.TitleOf(n.CategoryId), n.Story, n.Month, n.CreatedAt,
            n.DeclineReason.Length > 0 ? n.DeclineReason : null, n.FeaturedAt);
    }
}
