using DialogueBot.Infrastructure.Api;
using DialogueBot.Org;
using DialogueBot.TownHall.TownHalls;
using Microsoft.AspNetCore.Mvc;

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

    private static async Task<IResult> CreateAsync(CreateTownHallRequest request, HttpContext http, TownHallService service, TimeProvider time, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var created = await service.CreateAsync(caller, request, ct);
        if (created.RefusedBecause is { } refused)
        {
            return Forbidden(refused);
        }

        return created.TownHall is { } townHall
            ? Results.Created($"/api/townhalls/{townHall.Id}", Describe(townHall, caller, time.GetUtcNow()))
            : Results.ValidationProblem(created.Errors.ToDictionary(), title: "The town hall was not created");
    }

    private static async Task<IResult> ListAsync(HttpContext http, TownHallService service, TimeProvider time, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var now = time.GetUtcNow();
        return Results.Ok((await service.ListVisibleAsync(caller, ct)).Select(t => Describe(t, caller, now)).ToList());
    }

    /// <summary>The header the tab sends its stored asker tokens in (a GET has no body; a query string would end up in logs).</summary>
    public const string TokensHeader = "X-Asker-Tokens";

    private static async Task<IResult> BoardAsync(string id, string? filter, HttpContext http, TownHallService service, TownHallBoard board, Insights.IRecognitionInsights recognition, TimeProvider time, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var seen = await service.SeeBoardAsync(caller, id, ct);
        if (!seen.Ok)
        {
            return ProblemOf(seen.Problem, seen.Message);
        }

        if (!TownHallBoard.TryParseFilter(filter, out var parsed))
        {
            return Results.Problem(title: "Unknown filter", detail: "filter is one of open, answered, dismissed, mine, pending.", statusCode: StatusCodes.Status400BadRequest);
        }

        var tokens = http.Request.Headers[TokensHeader].SelectMany(h => (h ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var view = await board.BuildAsync(seen.TownHall!, caller, parsed, tokens, ct);
        var wins = await recognition.FeaturedWinsAsync(seen.TownHall!.EventAt, TownHallCards.MaxWins, ct);
        return Results.Ok(new BoardResponse(Describe(seen.TownHall!, caller, time.GetUtcNow()), parsed.ToString().ToLowerInvariant(), view.Questions, wins));
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

    private static async Task<IResult> SummaryAsync(string id, HttpContext http, TownHallService service, CancellationToken ct)
    {
        var result = await service.SendSummaryAsync(http.GetCaller(), id, ct);
        return result.Problem switch
        {
            TownHallProblem.None => Results.Accepted(),
            TownHallProblem.NotOpen => Results.Problem(title: "Finished", detail: result.Message, statusCode: StatusCodes.Status409Conflict),
            _ => ProblemOf(result.Problem, result.Message),
        };
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
