using DialogueBot.Infrastructure.Api;
using DialogueBot.Org;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Planning;
using DialogueBot.SkipLevel.Programmes;

namespace DialogueBot.SkipLevel;

/// <summary>HR's API: create a programme, preview and launch a cycle, read the status as JSON or CSV.</summary>
public static class SkipLevelEndpoints
{
    public static IEndpointRouteBuilder MapSkipLevelEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/skiplevel/programmes").WithTags("SkipLevel").RequireOrgRole(OrgRole.HR);
        group.MapPost("", CreateAsync);
        group.MapGet("", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapGet("/{id}/preview", PreviewAsync);
        group.MapPost("/{id}/launch", LaunchAsync);
        group.MapGet("/{id}/status", StatusAsync);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(ProgrammeRequest? request, HttpContext http, SkipLevelService service, OrgDirectory directory, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send the programme as JSON."] });
        }

        var (programme, errors) = await service.CreateAsync(request, http.GetCaller(), cancellationToken);
        if (programme is null)
        {
            return Results.ValidationProblem(errors, title: "The programme was not created: fix these fields.");
        }

        var plan = await service.PreviewAsync(programme, cancellationToken);
        var warnings = await service.OverlapWarningsAsync(programme, cancellationToken);
        return Results.Created($"/api/skiplevel/programmes/{programme.Id}", new { programme = ProgrammeDto.From(programme), preview = PlanDto.From(plan, await directory.GetAsync(cancellationToken)), warnings });
    }

    private static async Task<IResult> ListAsync(SkipLevelService service, CancellationToken cancellationToken) =>
        Results.Ok((await service.ListAsync(cancellationToken)).Select(ProgrammeDto.From));

    private static async Task<IResult> GetAsync(string id, SkipLevelService service, CancellationToken cancellationToken) =>
        await service.FindAsync(id, cancellationToken) is { } programme ? Results.Ok(ProgrammeDto.From(programme)) : NotFound();

    private static async Task<IResult> PreviewAsync(string id, SkipLevelService service, OrgDirectory directory, CancellationToken cancellationToken)
    {
        var programme = await service.FindAsync(id, cancellationToken);
        return programme is null ? NotFound() : Results.Ok(PlanDto.From(await service.PreviewAsync(programme, cancellationToken), await directory.GetAsync(cancellationToken)));
    }

    /// <summary>Launches the next cycle; with ?cycle=n only that one, so a repeated request is refused rather than launching the one after.</summary>
    private static async Task<IResult> LaunchAsync(string id, int? cycle, SkipLevelService service, OrgDirectory directory, CancellationToken cancellationToken)
    {
        if (cycle is < 1 or > 999)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["cycle"] = ["A cycle is a number from 1."] });
        }

        var result = await service.LaunchAsync(id, cycle, cancellationToken);
        if (result.Programme is null)
        {
            return NotFound();
        }

        return result.Problem is not null
            ? Results.Problem(title: "Not launched", detail: result.Problem, statusCode: StatusCodes.Status409Conflict)
            : Results.Ok(PlanDto.From(result.Plan!, await directory.GetAsync(cancellationToken)));
    }

    private static async Task<IResult> StatusAsync(string id, string? format, HttpRequest request, SkipLevelService service, CancellationToken cancellationToken)
    {
        var programme = await service.FindAsync(id, cancellationToken);
        if (programme is null)
        {
            return NotFound();
        }

        var status = await service.StatusAsync(programme, cancellationToken);
        return CsvExport.IsWanted(request, format) ? CsvExport.Result(status.ToCsv()) : Results.Ok(status);
    }

    private static IResult NotFound() => Results.Problem(title: "Not found", detail: "There is no such skip-level programme.", statusCode: StatusCodes.Status404NotFound);
}

public sealed record ProgrammeDto(string Id, string Name, IReadOnlyList<string> ScopeUnits, bool ExecutivesLead, IReadOnlyList<int> LeaderLevels, int CadenceWeeks, int MeetingMinutes, string StartWeek, string EndDate, int PerWeekCap, string TimeZone, int LaunchedCycle, int Cycles)
{
    public static ProgrammeDto From(SkipLevelProgrammeEntity p)
    {
        var rules = p.ToRules();
        return new(p.Id, p.Name, rules.ScopeUnits, p.ExecutivesLead, rules.LeaderLevels, p.CadenceWeeks, p.MeetingMinutes, p.StartWeek, p.EndDate, p.PerWeekCap, p.TimeZone, p.LaunchedCycle, rules.CycleCount);
    }
}

public sealed record PlanDto(int Cycle, IReadOnlyList<string> Weeks, IReadOnlyList<PlanPairDto> Pairs, IReadOnlyList<PlanSkippedDto> Skipped, IReadOnlyList<string> Notes)
{
    public static PlanDto From(SkipLevelPlan plan, OrgSnapshot org) => new(
        plan.Cycle,
        plan.Weeks.Select(SkipLevelProgrammeEntity.FormatDate).ToList(),
        plan.Pairs.Select(p => new PlanPairDto(p.LeaderId, org.FindById(p.LeaderId)?.Name ?? p.LeaderId, p.ManagerId, org.FindById(p.ManagerId)?.Name ?? p.ManagerId, SkipLevelProgrammeEntity.FormatDate(p.Week), PairingRules.ToStored(p.Rule), p.Distance)).ToList(),
        plan.Skipped.Select(s => new PlanSkippedDto(s.PersonId, org.FindById(s.PersonId)?.Name, s.Reason)).ToList(),
        plan.Notes);
}

public sealed record PlanPairDto(string LeaderId, string LeaderName, string ManagerId, string ManagerName, string Week, string Rule, int Distance);

public sealed record PlanSkippedDto(string PersonId, string? Name, string Reason);
