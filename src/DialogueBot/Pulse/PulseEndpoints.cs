using System.Globalization;
using System.Text;
using DialogueBot.Infrastructure.Api;
using DialogueBot.Org;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Results;
using DialogueBot.Pulse.Runs;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace DialogueBot.Pulse;

/// <summary>The pulse API for automation and the results tab. HR and executives only; every anonymity rule applies here too.</summary>
public static class PulseEndpoints
{
    public static IEndpointRouteBuilder MapPulseEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/pulses").WithTags("Pulse").RequireOrgRole(PulseRoutes.Creators).DisableAntiforgery();
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapPost("/audience-preview", PreviewAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapGet("/{id}/results", ResultsAsync);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(PulseDraft? draft, PulseService service, OrgDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        if (draft is null)
        {
            return HttpResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send the pulse as JSON."] });
        }

        var org = await directory.GetAsync(cancellationToken);
        var (valid, errors) = PulseDraftValidator.Validate(draft, time.GetUtcNow(), org.Units);
        if (valid is null)
        {
            return HttpResults.ValidationProblem(errors, title: "The pulse was not created");
        }

        var audience = AudienceResolver.Resolve(org, valid.Audience).Count;
        if (audience < service.MinimumGroupSize)
        {
            return HttpResults.ValidationProblem(new Dictionary<string, string[]> { ["audience"] = [$"This audience has {audience} people; below {service.MinimumGroupSize} no result could ever be shown."] }, title: "The pulse was not created");
        }

        var (definition, run) = await service.CreateAsync(valid, cancellationToken);
        return HttpResults.Created($"/api/pulses/{definition.Id}", new { id = definition.Id, runId = run.Id, audience, opensAt = run.OpensAt, closesAt = run.ClosesAt });
    }

    private static async Task<IResult> ListAsync(PulseDefinitionRepository definitions, PulseRunRepository runs, CancellationToken cancellationToken)
    {
        var allRuns = await runs.ListAsync(cancellationToken);
        var list = (await definitions.ListAsync(cancellationToken)).OrderByDescending(d => d.FirstOpensAt).Select(d => Describe(d, allRuns.Where(r => r.PulseId == d.Id)));
        return HttpResults.Ok(list);
    }

    private static async Task<IResult> GetAsync(string id, PulseDefinitionRepository definitions, PulseRunRepository runs, CancellationToken cancellationToken)
    {
        var definition = await definitions.FindAsync(id, cancellationToken);
        return definition is null
            ? HttpResults.Problem(title: "Not found", detail: $"No pulse '{Short(id)}'.", statusCode: StatusCodes.Status404NotFound)
            : HttpResults.Ok(Describe(definition, await runs.ListForPulseAsync(id, cancellationToken)));
    }

    private static async Task<IResult> PreviewAsync(AudienceDraft? audience, OrgDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var org = await directory.GetAsync(cancellationToken);
        var draft = new PulseDraft { Title = "preview", Questions = [new QuestionDraft("rating", "preview")], Audience = audience ?? new AudienceDraft(), ClosesAt = time.GetUtcNow().AddDays(1) };
        var (valid, errors) = PulseDraftValidator.Validate(draft, time.GetUtcNow(), org.Units);
        return valid is null ? HttpResults.ValidationProblem(errors) : HttpResults.Ok(new { count = AudienceResolver.Resolve(org, valid.Audience).Count, audience = valid.Audience.Describe() });
    }

    private static async Task<IResult> ResultsAsync(string id, string? run, string? filter, string? format, HttpRequest request, PulseResultsService results, CancellationToken cancellationToken)
    {
        var view = await results.GetAsync(id, run, filter, cancellationToken);
        if (view is null)
        {
            return HttpResults.Problem(title: "Not found", detail: $"No pulse '{Short(id)}' (or no such run).", statusCode: StatusCodes.Status404NotFound);
        }

        if (view.Status == ResultsStatus.FilterRefused)
        {
            return HttpResults.Problem(title: "Filter refused", detail: view.Message, statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        return CsvExport.IsWanted(request, format)
            ? CsvExport.Result(PulseResultsCsv.Write(view))
            : HttpResults.Ok(view);
    }

    private static object Describe(PulseDefinitionEntity d, IEnumerable<PulseRunEntity> runs) => new
    {
        id = d.Id,
        title = d.Title,
        questions = d.QuestionList,
        audience = d.AudienceValue,
        recurrence = d.Recurrence,
        runs = runs.OrderBy(r => r.Sequence).Select(r => new { id = r.Id, sequence = r.Sequence, status = r.Status, opensAt = r.OpensAt, closesAt = r.ClosesAt, audience = r.AudienceCount }),
    };

    private static string Short(string id) => id.Length > 40 ? id[..40] : id;
}

/// <summary>Results as CSV, one figure per line: pulse, run, filter, question, measure, label, value.</summary>
public static class PulseResultsCsv
{
    public static string Write(PulseResultsView view)
    {
        var csv = new StringBuilder("pulse,run,filter,question,measure,label,value\n");
        void Line(string question, string measure, string label, string value) =>
            csv.Append(string.Join(',', new[] { view.PulseId, view.RunId, view.Filter, question, measure, label, value }.Select(CsvExport.Cell))).Append('\n');

        Line("", "status", view.Status.ToString(), view.Message);
        if (view.Respondents is { } n)
        {
            Line("", "respondents", "", n.ToString(CultureInfo.InvariantCulture));
        }

        if (view.ResponseRate is { } rate)
        {
            Line("", "responseRatePercent", "", rate.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var q in view.Questions)
        {
            if (q.Suppressed is { } why)
            {
                Line(q.Text, "suppressed", "", why);
                continue;
            }

            Line(q.Text, "answers", "", q.Answers?.ToString(CultureInfo.InvariantCulture) ?? "");
            if (q.Mean is { } mean)
            {
                Line(q.Text, "mean", "", mean.ToString(CultureInfo.InvariantCulture));
            }

            if (q.Enps is { } enps)
            {
                Line(q.Text, "enps", "", enps.ToString(CultureInfo.InvariantCulture));
            }

            foreach (var b in q.Distribution)
            {
                Line(q.Text, "count", b.Label, b.Count.ToString(CultureInfo.InvariantCulture));
            }

            foreach (var c in q.Comments)
            {
                Line(q.Text, "comment", "", c);
            }
        }

        return csv.ToString();
    }
}
