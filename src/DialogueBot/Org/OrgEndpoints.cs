using DialogueBot.Infrastructure.Api;

namespace DialogueBot.Org;

/// <summary>The org chart API: HR imports a CSV; HR and executives read a summary.</summary>
public static class OrgEndpoints
{
    public const int MaxCsvBytes = 20 * 1024 * 1024;

    public static IEndpointRouteBuilder MapOrgEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/org").WithTags("Org");

        group.MapPost("/import", ImportAsync).RequireOrgRole<OrgBootstrap>(OrgRole.HR).DisableAntiforgery();
        group.MapGet("/summary", SummaryAsync).RequireOrgRole(OrgRole.HR | OrgRole.Executive);
        // The units to choose an audience or a scope from (the management tab); names only, no people.
        group.MapGet("/units", async (OrgDirectory directory, CancellationToken ct) => Results.Ok((await directory.GetAsync(ct)).Units))
            .RequireOrgRole(OrgRole.HR | OrgRole.Executive);
        return endpoints;
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, OrgChartRepository repository, OrgDirectory directory, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxCsvBytes)
        {
            return Results.Problem(title: "File too large", detail: $"The org chart CSV is limited to {MaxCsvBytes / 1024 / 1024} MB.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        using var reader = new StreamReader(request.Body);
        var buffer = new char[MaxCsvBytes / 2 + 1];
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        if (read > MaxCsvBytes / 2)
        {
            return Results.Problem(title: "File too large", detail: $"The org chart CSV is limited to {MaxCsvBytes / 1024 / 1024} MB.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var parsed = OrgChartCsv.Parse(new string(buffer, 0, read));
        if (!parsed.IsValid)
        {
            return Results.BadRequest(new OrgImportErrors("The org chart was not imported: fix these lines and send it again.", parsed.Errors.Take(200).Select(e => new OrgImportError(e.Line, e.Message)).ToList(), parsed.Errors.Count));
        }

        try
        {
            var version = await repository.ImportAsync(parsed.People, cancellationToken);
            directory.Invalidate();
            return Results.Ok(Summarize(version, parsed.People));
        }
        catch (OrgImportConflictException ex)
        {
            return Results.Problem(title: "Import conflict", detail: ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> SummaryAsync(OrgDirectory directory, CancellationToken cancellationToken)
    {
        var snapshot = await directory.GetAsync(cancellationToken);
        return Results.Ok(Summarize(snapshot.Version, snapshot.People));
    }

    private static OrgSummary Summarize(string version, IReadOnlyList<OrgPerson> people) => new(
        version,
        people.Count,
        people.Count(p => p.Roles.HasFlag(OrgRole.Executive)),
        people.Count(p => p.Roles.HasFlag(OrgRole.HR)),
        people.Count(p => p.Roles.HasFlag(OrgRole.Manager)),
        people.Count(p => p.AadObjectId is null),
        people.GroupBy(p => p.Level).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g => g.Count()));
}

public sealed record OrgSummary(string Version, int People, int Executives, int HR, int Managers, int WithoutTeamsIdentity, IReadOnlyDictionary<string, int> PeopleByLevel);

public sealed record OrgImportError(int Line, string Message);

public sealed record OrgImportErrors(string Title, IReadOnlyList<OrgImportError> Errors, int TotalErrors);
