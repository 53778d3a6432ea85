using DialogueBot.Infrastructure.Api;
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
        group.MapPost("/check", CheckAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapGet("/{id}/results", ResultsAsync);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(PulseDraft? draft, PulseService service, CancellationToken cancellationToken)
    {
        if (draft is null)
        {
            return HttpResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send the pulse as JSON."] });
        }

        var outcome = await service.CreateAsync(draft, cancellationToken);
        if (!outcome.Created)
        {
            return HttpResults.ValidationProblem(outcome.Errors, title: "The pulse was not created");
        }

        var (definition, run) = (outcome.Definition!, outcome.Run!);
        return HttpResults.Created($"/api/pulses/{definition.Id}", new { id = definition.Id, runId = run.Id, audience = outcome.Audience, opensAt = run.OpensAt, closesAt = run.ClosesAt });
    }

    /// <summary>The management tab's preview: every rule of creating, nothing created; the audience size when it could be counted.</summary>
    private static async Task<IResult> CheckAsync(PulseDraft? draft, PulseService service, CancellationToken cancellationToken)
    {
        if (draft is null)
        {
            return HttpResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send the pulse as JSON."] });
        }

        var check = await service.CheckAsync(draft, cancellationToken);
        return check.IsValid
            ? HttpResults.Ok(new { audience = check.Audience, minimumGroupSize = service.MinimumGroupSize })
            : HttpResults.ValidationProblem(check.Errors, title: "The pulse is not ready to send", extensions: new Dictionary<string, object?> { ["audience"] = check.Audience });
    }

    private static async Task<IResult> ListAsync(PulseService service, CancellationToken cancellationToken) =>
        HttpResults.Ok((await service.ListAsync(cancellationToken)).Select(Describe));

    private static async Task<IResult> GetAsync(string id, PulseService service, CancellationToken cancellationToken) =>
        await service.FindAsync(id, cancellationToken) is { } pulse
            ? HttpResults.Ok(Describe(pulse))
            : HttpResults.Problem(title: "Not found", detail: $"No pulse '{Short(id)}'.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> PreviewAsync(AudienceDraft? audience, PulseService service, CancellationToken cancellationToken)
    {
        var (errors, count, description) = await service.CountAudienceAsync(audience, cancellationToken);
        return errors.Count > 0 ? HttpResults.ValidationProblem(errors) : HttpResults.Ok(new { count, audience = description });
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

    private static object Describe(PulseSummary pulse) => new
    {
        id = pulse.Definition.Id,
        title = pulse.Definition.Title,
        questions = pulse.Definition.Questions,
        audience = pulse.Definition.Audience,
        recurrence = pulse.Definition.Recurrence,
        runs = pulse.Runs.Select(r => new { id = r.Id, sequence = r.Sequence, status = PulseRunEntity.NameOf(r.Status), opensAt = r.OpensAt, closesAt = r.ClosesAt, audience = r.AudienceCount }),
    };

    private static string Short(string id) => id.Length > 40 ? id[..40] : id;
}
