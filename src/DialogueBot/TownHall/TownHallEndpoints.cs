using DialogueBot.Infrastructure.Api;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.TownHall.TownHalls;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace DialogueBot.TownHall;

/// <summary>
/// The town hall API, for the board tab and for automation. Every endpoint checks the caller against the
/// org chart; no answer ever carries who asked an anonymous question.
/// </summary>
public static class TownHallEndpoints
{
    public static IEndpointRouteBuilder MapTownHallEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/townhalls").WithTags("TownHall");
        group.MapPost("", CreateAsync).RequireOrgRole(OrgRole.Executive | OrgRole.HR);
        group.MapGet("", ListAsync).RequireOrgRole(OrgRole.None);
        group.MapGet("/{id}/questions", BoardAsync).RequireOrgRole(OrgRole.None);
        group.MapPost("/{id}/questions", AskAsync).RequireOrgRole(OrgRole.None);
        group.MapPut("/{id}/questions/{questionId}", EditAsync).RequireOrgRole(OrgRole.None);
        group.MapDelete("/{id}/questions/{questionId}", WithdrawAsync).RequireOrgRole(OrgRole.None);
        group.MapPut("/{id}/questions/{questionId}/vote", VoteAsync).RequireOrgRole(OrgRole.None);
        group.MapPost("/{id}/questions/{questionId}/moderation", ModerateAsync).RequireOrgRole(OrgRole.None);
        group.MapPost("/{id}/summary", SummaryAsync).RequireOrgRole(OrgRole.None);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(CreateTownHallRequest request, HttpContext http, TownHallRepository townHalls, OrgDirectory directory, WorkQueue work, Scheduler scheduler, IOptions<TownHallOptions> options, TimeProvider time, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var org = await directory.GetAsync(ct);
        var errors = new Dictionary<string, string[]>();
        var title = Cards.CardText.Clean(request.Title, 200);
        if (title.Length < 3)
        {
            errors["title"] = ["Give the town hall a title."];
        }

        var hosts = (request.HostIds ?? []).Select(h => h.Trim()).Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (hosts.Count == 0 && caller.Person is not null)
        {
            hosts.Add(caller.Person.Id);
        }

        if (hosts.FirstOrDefault(h => org.FindById(h) is null) is { } unknownHost)
        {
            errors["hostIds"] = [$"'{unknownHost}' is not a person id in the org chart."];
        }

        var units = (request.AudienceUnits ?? []).Select(u => u.Trim().Trim('/')).Where(u => u.Length > 0).ToList();
        if (units.FirstOrDefault(u => !org.Units.Contains(u, StringComparer.OrdinalIgnoreCase)) is { } unknownUnit)
        {
            errors["audienceUnits"] = [$"'{unknownUnit}' is not an org unit in the org chart."];
        }

        var now = time.GetUtcNow();
        var opensAt = request.OpensAt ?? now;
        if (request.ClosesAt is not { } closesAt || closesAt <= opensAt)
        {
            errors["closesAt"] = ["closesAt must be after opensAt (the question window)."];
            closesAt = opensAt;
        }

        if (request.EventAt is not { } eventAt)
        {
            errors["eventAt"] = ["eventAt (when the town hall takes place) is required."];
            eventAt = closesAt;
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The town hall was not created");
        }

        var townHall = await townHalls.CreateAsync(new TownHallEntity
        {
            Title = title,
            HostIds = TownHallEntity.Join(hosts),
            AudienceUnits = TownHallEntity.Join(units),
            OpensAt = opensAt.ToUniversalTime(),
            ClosesAt = closesAt.ToUniversalTime(),
            EventAt = eventAt.ToUniversalTime(),
            AnonymousByDefault = request.AnonymousByDefault ?? true,
            PreModeration = request.PreModeration ?? false,
            CreatedBy = caller.Person?.Id ?? "",
        }, ct);

        if (request.Announce ?? true)
        {
            // Announced when questions open: now, or by the scheduler (which has no 7-day queue-delay limit).
            if (opensAt <= now)
            {
                await TownHallFanOut.EnqueueAsync(work, townHall.Id, DeliveryKind.Announcement, null, ct);
            }
            else
            {
                await scheduler.ScheduleAsync(TownHallWorkKinds.FanOut, $"{townHall.Id}.{DeliveryKind.Announcement}", new FanOutWork(townHall.Id, DeliveryKind.Announcement), opensAt, ct);
            }
        }

        await scheduler.ScheduleAsync(TownHallWorkKinds.FanOut, $"{townHall.Id}.{DeliveryKind.Summary}", new FanOutWork(townHall.Id, DeliveryKind.Summary), townHall.EventAt + options.Value.SummaryAfterEvent, ct);
        return Results.Created($"/api/townhalls/{townHall.Id}", Describe(townHall, caller, now));
    }

    private static async Task<IResult> ListAsync(HttpContext http, TownHallRepository townHalls, TimeProvider time, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var now = time.GetUtcNow();
        var visible = (await townHalls.ListAsync(ct)).Where(t => TownHallAccess.CanSeeBoard(t, caller))
            .OrderByDescending(t => t.IsOpenAt(now)).ThenByDescending(t => t.EventAt)
            .Select(t => Describe(t, caller, now)).ToList();
        return Results.Ok(visible);
    }

    /// <summary>The header the tab sends its stored asker tokens in (a GET has no body; a query string would end up in logs).</summary>
    public const string TokensHeader = "X-Asker-Tokens";

    private static async Task<IResult> BoardAsync(string id, string? filter, HttpContext http, TownHallService service, TownHallBoard board, Insights.IRecognitionInsights recognition, TimeProvider time, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var townHall = await service.FindAsync(id, ct);
        if (townHall is null)
        {
            return NotFound();
        }

        if (!TownHallAccess.CanSeeBoard(townHall, caller))
        {
            return Forbidden("This town hall's board is for its audience, hosts, executives and HR.");
        }

        if (!TownHallBoard.TryParseFilter(filter, out var parsed))
        {
            return Results.Problem(title: "Unknown filter", detail: "filter is one of open, answered, dismissed, mine, pending.", statusCode: StatusCodes.Status400BadRequest);
        }

        var tokens = http.Request.Headers[TokensHeader].SelectMany(h => (h ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var view = await board.BuildAsync(townHall, caller, parsed, tokens, ct);
        var wins = await recognition.FeaturedWinsAsync(townHall.EventAt, TownHallCards.MaxWins, ct);
        return Results.Ok(new BoardResponse(Describe(townHall, caller, time.GetUtcNow()), parsed.ToString().ToLowerInvariant(), view.Questions, wins));
    }

    private static async Task<IResult> AskAsync(string id, AskRequest request, HttpContext http, TownHallService service, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var result = await service.AskAsync(caller, id, request.Text, request.Anonymous, request.Follow ?? true, request.Force ?? false, request.AskId, ct);
        if (result.Problem == TownHallProblem.Duplicate)
        {
            return Results.Conflict(new { title = "Already asked?", detail = result.Message, duplicate = new { id = result.Duplicate!.Id, number = result.Duplicate.Number, text = result.Duplicate.Text, votes = result.Duplicate.Votes } });
        }

        return result.Ok
            // The asker's token, once: the client keeps it (the tab in localStorage) to edit, withdraw and see "mine".
            ? Results.Created($"/api/townhalls/{id}/questions/{result.Question!.Id}", new { id = result.Question.Id, number = result.Question.Number, state = result.Question.State, anonymous = result.Question.Anonymous, askerToken = result.AskerToken })
            : ProblemOf(result.Problem, result.Message);
    }

    private static async Task<IResult> EditAsync(string id, string questionId, EditRequest request, HttpContext http, TownHallService service, CancellationToken ct)
    {
        var result = await service.EditAsync(http.GetCaller(), id, questionId, request.Text, request.Token, ct);
        return result.Ok ? Results.Ok(new { id = questionId, text = result.Question!.Text }) : ProblemOf(result.Problem, result.Message);
    }

    private static async Task<IResult> WithdrawAsync(string id, string questionId, [FromBody] WithdrawRequest? request, HttpContext http, TownHallService service, CancellationToken ct)
    {
        var result = await service.WithdrawAsync(http.GetCaller(), id, questionId, request?.Token, ct);
        return result.Ok ? Results.NoContent() : ProblemOf(result.Problem, result.Message);
    }

    private static async Task<IResult> VoteAsync(string id, string questionId, VoteRequest request, HttpContext http, TownHallService service, CancellationToken ct)
    {
        var result = await service.SetVoteAsync(http.GetCaller(), id, questionId, request.On ?? true, ct);
        return result.Ok ? Results.Ok(new { voted = result.Voted, votes = result.Votes }) : ProblemOf(result.Problem, result.Message);
    }

    private static async Task<IResult> ModerateAsync(string id, string questionId, ModerationRequest request, HttpContext http, TownHallService service, CancellationToken ct)
    {
        if (!Enum.TryParse<ModerationAction>(request.Action, ignoreCase: true, out var action) || !Enum.IsDefined(action))
        {
            return Results.Problem(title: "Unknown action", detail: "action is one of approve, dismiss, pin, unpin, answer, merge.", statusCode: StatusCodes.Status400BadRequest);
        }

        var result = await service.ModerateAsync(http.GetCaller(), id, questionId, action, request.Text, request.Link, request.Into, ct);
        return result.Ok ? Results.Ok(new { id = result.Question!.Id, state = result.Question.State, votes = result.Question.Votes, pinned = result.Question.Pinned, message = result.Message }) : ProblemOf(result.Problem, result.Message);
    }

    private static async Task<IResult> SummaryAsync(string id, HttpContext http, TownHallService service, WorkQueue work, CancellationToken ct)
    {
        var townHall = await service.FindAsync(id, ct);
        if (townHall is null)
        {
            return NotFound();
        }

        if (!TownHallAccess.CanModerate(townHall, http.GetCaller()))
        {
            return Forbidden("Only the town hall's hosts and HR can send its summary.");
        }

        if (townHall.Finished)
        {
            return Results.Problem(title: "Finished", detail: "This town hall is finished; its summary was sent.", statusCode: StatusCodes.Status409Conflict);
        }

        await TownHallFanOut.EnqueueAsync(work, townHall.Id, DeliveryKind.Summary, null, ct);
        return Results.Accepted();
    }

    private static TownHallSummary Describe(TownHallEntity t, Caller caller, DateTimeOffset now) =>
        new(t.Id, t.Title, t.OpensAt, t.ClosesAt, t.EventAt, t.IsOpenAt(now), t.AnonymousByDefault, t.PreModeration, TownHallAccess.CanModerate(t, caller));

    private static IResult ProblemOf(TownHallProblem problem, string message) => problem switch
    {
        TownHallProblem.NotFound => NotFound(),
        TownHallProblem.NotAllowed => Forbidden(message),
        TownHallProblem.Invalid => Results.Problem(title: "Not accepted", detail: message, statusCode: StatusCodes.Status400BadRequest),
        TownHallProblem.Closed => Results.Problem(title: "Questions are closed", detail: message, statusCode: StatusCodes.Status409Conflict),
        _ => Results.Problem(title: "Not possible now", detail: message, statusCode: StatusCodes.Status409Conflict),
    };

    private static IResult NotFound() => Results.Problem(title: "Not found", detail: "No such town hall or question.", statusCode: StatusCodes.Status404NotFound);

    private static IResult Forbidden(string message) => Results.Problem(title: "Forbidden", detail: message, statusCode: StatusCodes.Status403Forbidden);
}

public sealed record CreateTownHallRequest(string? Title, IReadOnlyList<string>? HostIds, IReadOnlyList<string>? AudienceUnits, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, DateTimeOffset? EventAt, bool? AnonymousByDefault, bool? PreModeration, bool? Announce);

/// <param name="AskId">Optional random id (22–64 base64url characters) the client made for this ask: sending it again returns the same question and token.</param>
public sealed record AskRequest(string? Text, bool? Anonymous, bool? Follow, bool? Force, string? AskId = null);

/// <param name="Token">The asker token the ask returned (needed for an anonymous question).</param>
public sealed record EditRequest(string? Text, string? Token = null);

public sealed record WithdrawRequest(string? Token);

public sealed record VoteRequest(bool? On);

public sealed record ModerationRequest(string? Action, string? Text, string? Link, string? Into);

public sealed record TownHallSummary(string Id, string Title, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, DateTimeOffset EventAt, bool IsOpen, bool AnonymousByDefault, bool PreModeration, bool CanModerate);

/// <param name="Wins">Managers' wins featured for this town hall (from the recognition feature; empty without it).</param>
public sealed record BoardResponse(TownHallSummary TownHall, string Filter, IReadOnlyList<BoardQuestion> Questions, IReadOnlyList<Insights.FeaturedWin> Wins);
