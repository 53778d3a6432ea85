using DialogueBot.Consultation.Consultations;
using DialogueBot.Consultation.Model;
using DialogueBot.Infrastructure.Api;
using DialogueBot.Org;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace DialogueBot.Consultation;

/// <summary>
/// The consultation API under /api/consultations, for the consultation tab and the management tab. Every
/// endpoint resolves the caller from the org chart and lets the service decide; anonymous items never carry an author.
/// </summary>
public static class ConsultationEndpoints
{
    public static IEndpointRouteBuilder MapConsultationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/consultations").WithTags("Consultation").RequireOrgRole(OrgRole.None).DisableAntiforgery();
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapPost("/audience-preview", PreviewAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapGet("/{id}/concerns", BoardAsync);
        group.MapPost("/{id}/concerns", RaiseAsync);
        group.MapPut("/{id}/concerns/{concernId}/vote", VoteAsync);
        group.MapPost("/{id}/concerns/{concernId}/answer", AnswerAsync);
        group.MapPost("/{id}/concerns/{concernId}/merge", MergeAsync);
        group.MapPost("/{id}/rating", RateAsync);
        group.MapPut("/{id}/volunteer", VolunteerAsync);
        group.MapGet("/{id}/results", ResultsAsync);
        group.MapPost("/{id}/end", EndAsync);
        group.MapPost("/{id}/outcome", DecideAsync);
        return endpoints;
    }

    public sealed record RaiseRequest(string? Text, ConcernKind? Kind, bool? Anonymous, string? SubmitId, bool? Force);

    public sealed record AudienceRequest(IReadOnlyList<string>? Units, IReadOnlyList<int>? Levels);

    public sealed record VoteRequest(bool On);

    public sealed record AnswerRequest(string? Answer);

    public sealed record MergeRequest(string? Into);

    public sealed record RatingRequest(int? Support, int? Impact);

    public sealed record OutcomeRequest(ConsultationOutcome? Outcome, string? WhatChanged, string? TalkingPoints, DateTimeOffset? AnnouncementAt);

    private static async Task<IResult> CreateAsync(ConsultationDraft? draft, HttpContext http, ConsultationService service, CancellationToken ct)
    {
        var result = await service.CreateAsync(http.GetCaller(), draft, ct);
        return result.Ok
            ? HttpResults.Created($"/api/consultations/{result.Consultation!.Id}", new { id = result.Consultation.Id, audience = result.Consultation.AudienceCount, closesAt = result.Consultation.ClosesAt })
            : Problem(result, "The consultation was not created");
    }

    private static async Task<IResult> PreviewAsync(AudienceRequest? request, HttpContext http, ConsultationService service, CancellationToken ct)
    {
        var (audience, count, errors) = await service.PreviewAudienceAsync(http.GetCaller(), request?.Units, request?.Levels, ct);
        return audience is null ? Problem(ConsultationResult.Fail(ConsultationProblem.NotAllowed, "Only executives can start a consultation."))
            : errors.Count > 0 ? HttpResults.ValidationProblem(errors)
            : HttpResults.Ok(new { count, audience = audience.Describe() });
    }

    private static async Task<IResult> ListAsync(HttpContext http, ConsultationService service, CancellationToken ct)
    {
        var caller = http.GetCaller();
        return HttpResults.Ok((await service.ListAsync(caller, ct)).Select(c => Summary(c, caller)));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, ConsultationService service, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var result = await service.GetAsync(caller, id, ct);
        if (!result.Ok)
        {
            return Problem(result);
        }

        var c = result.Consultation!;
        return HttpResults.Ok(new
        {
            consultation = Summary(c, caller),
            brief = c.Brief,
            audience = c.Brief.Audience.Describe(),
            offersAnonymity = service.OffersAnonymity(c),
            minimumGroupSize = service.MinimumGroupSize,
            rated = ConsultationAccess.IsConsulted(c, caller) && await service.HasRatedAsync(c, caller, ct),
            volunteered = await service.IsVolunteerAsync(c, caller, ct),
            outcome = c.Outcome,
            whatChanged = c.Status == ConsultationStatus.Decided ? c.WhatChanged : null,
            talkingPoints = c.Status == ConsultationStatus.Decided ? c.TalkingPoints : null,
            announcementAt = c.AnnouncementAt,
            timeline = await service.TimelineAsync(c, ct),
        });
    }

    private static async Task<IResult> BoardAsync(string id, HttpContext http, ConsultationService service, CancellationToken ct)
    {
        var (board, problem) = await service.BoardAsync(http.GetCaller(), id, ct);
        return board is null
            ? Problem(problem!)
            : HttpResults.Ok(new { items = board.Items, merged = board.Merged, suggestions = board.Suggestions, canManage = board.CanManage, canGiveInput = board.CanGiveInput });
    }

    private static async Task<IResult> RaiseAsync(string id, RaiseRequest? request, HttpContext http, ConsultationService service, CancellationToken ct)
    {
        if (request is null)
        {
            return HttpResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send the item as JSON."] });
        }

        var result = await service.RaiseAsync(http.GetCaller(), id, request.Kind ?? ConcernKind.Concern, request.Text, request.Anonymous ?? false, request.SubmitId, request.Force ?? false, ct);
        return result.Problem == ConsultationProblem.Duplicate
            ? HttpResults.Conflict(new { title = "Similar item", detail = result.Message, duplicate = new { id = result.Duplicate!.Id, number = result.Duplicate.Number, text = result.Duplicate.Text, votes = result.Duplicate.Votes } })
            : result.Ok ? HttpResults.Ok(new { id = result.Concern!.Id, number = result.Concern.Number, message = result.Message }) : Problem(result);
    }

    private static async Task<IResult> VoteAsync(string id, string concernId, VoteRequest? request, HttpContext http, ConsultationService service, CancellationToken ct) =>
        Done(await service.VoteAsync(http.GetCaller(), id, concernId, request?.On ?? true, ct), r => new { votes = r.Concern?.Votes ?? 0, message = r.Message });

    private static async Task<IResult> AnswerAsync(string id, string concernId, AnswerRequest? request, HttpContext http, ConsultationService service, CancellationToken ct) =>
        Done(await service.AnswerAsync(http.GetCaller(), id, concernId, request?.Answer, ct), r => new { message = r.Message });

    private static async Task<IResult> MergeAsync(string id, string concernId, MergeRequest? request, HttpContext http, ConsultationService service, CancellationToken ct) =>
        Done(await service.MergeAsync(http.GetCaller(), id, concernId, request?.Into, ct), r => new { into = r.Concern?.Id, votes = r.Concern?.Votes ?? 0, message = r.Message });

    private static async Task<IResult> RateAsync(string id, RatingRequest? request, HttpContext http, ConsultationService service, CancellationToken ct) =>
        Done(await service.RateAsync(http.GetCaller(), id, request?.Support, request?.Impact, ct), r => new { message = r.Message });

    private static async Task<IResult> VolunteerAsync(string id, VoteRequest? request, HttpContext http, ConsultationService service, CancellationToken ct) =>
        Done(await service.VolunteerAsync(http.GetCaller(), id, request?.On ?? true, ct), r => new { message = r.Message });

    private static async Task<IResult> ResultsAsync(string id, HttpContext http, ConsultationService service, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var (results, problem) = await service.ResultsAsync(caller, id, ct);
        if (results is null)
        {
            return Problem(problem!);
        }

        var consultation = (await service.GetAsync(caller, id, ct)).Consultation!;
        var volunteers = await service.VolunteersAsync(caller, consultation, ct) ?? [];
        return HttpResults.Ok(new { results.Published, results.Message, views = results.Views, results.HiddenViews, volunteers = volunteers.Select(p => new { id = p.Id, name = p.Name, orgUnit = p.OrgUnit }) });
    }

    private static async Task<IResult> EndAsync(string id, HttpContext http, ConsultationService service, CancellationToken ct) =>
        Done(await service.EndWindowAsync(http.GetCaller(), id, ct), r => new { status = r.Consultation!.Status, message = r.Message });

    private static async Task<IResult> DecideAsync(string id, OutcomeRequest? request, HttpContext http, ConsultationService service, CancellationToken ct) =>
        Done(await service.DecideAsync(http.GetCaller(), id, request?.Outcome, request?.WhatChanged, request?.TalkingPoints, request?.AnnouncementAt, ct), r => new { status = r.Consultation!.Status, message = r.Message });

    private static object Summary(ConsultationRecord c, Caller caller) => new
    {
        id = c.Id,
        title = c.Title,
        status = c.Status,
        opensAt = c.OpensAt,
        closesAt = c.ClosesAt,
        audienceCount = c.AudienceCount,
        canManage = ConsultationAccess.CanManage(c, caller),
        consulted = ConsultationAccess.IsConsulted(c, caller),
    };

    private static IResult Done(ConsultationResult result, Func<ConsultationResult, object> body) => result.Ok ? HttpResults.Ok(body(result)) : Problem(result);

    private static IResult Problem(ConsultationResult result, string? title = null) => result.Problem switch
    {
        ConsultationProblem.NotFound => HttpResults.Problem(title: "Not found", detail: result.Message, statusCode: StatusCodes.Status404NotFound),
        ConsultationProblem.NotAllowed => HttpResults.Problem(title: "Forbidden", detail: result.Message, statusCode: StatusCodes.Status403Forbidden),
        ConsultationProblem.Closed or ConsultationProblem.AlreadyDone => HttpResults.Problem(title: "Conflict", detail: result.Message, statusCode: StatusCodes.Status409Conflict),
        _ => result.Errors.Count > 0
            ? HttpResults.ValidationProblem(result.Errors, title: title ?? "Not valid")
            : HttpResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [result.Message] }, title: title ?? "Not valid"),
    };
}
