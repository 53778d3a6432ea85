using DialogueBot.Infrastructure.Api;
using DialogueBot.Loop.Cards;
using DialogueBot.Loop.Commitments;
using DialogueBot.Loop.Figures;
using DialogueBot.Loop.Threads;
using DialogueBot.Org;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace DialogueBot.Loop;

/// <summary>
/// The Loop API: publish a summary with its commitments, move an action on, read a subject's commitments and
/// the follow-through figures. {kind} is "pulse" (the id is a run id) or "townhall". Roles are checked in the
/// service (who may publish depends on the subject) and here for the figures.
/// </summary>
public static class LoopEndpoints
{
    public static IEndpointRouteBuilder MapLoopEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/loop").WithTags("Loop").DisableAntiforgery();
        group.MapGet("/figures", FiguresAsync).RequireOrgRole(FollowThroughService.Readers);
        group.MapPost("/threads/{scope}/{threadId}/replies", ReplyAsync).RequireOrgRole(OrgRole.None); // pulse: HR and executives; town hall: its hosts (the service decides)
        group.MapGet("/{kind}/{id}", GetAsync).RequireOrgRole(OrgRole.None);
        group.MapPost("/{kind}/{id}/summary", PublishAsync).RequireOrgRole(OrgRole.None);
        group.MapPost("/{kind}/{id}/actions/{actionId}", ChangeAsync).RequireOrgRole(OrgRole.None);
        return endpoints;
    }

    private static async Task<IResult> FiguresAsync(FollowThroughService figures, CancellationToken cancellationToken) =>
        HttpResults.Ok(await figures.GetAsync(cancellationToken));

    private static async Task<IResult> GetAsync(string kind, string id, HttpContext http, CommitmentService commitments, FollowThroughService figures, CommentThreadRepository threads, CancellationToken cancellationToken)
    {
        if (ParseKind(kind) is not { } subjectKind)
        {
            return UnknownKind(kind);
        }

        var found = await commitments.GetAsync(subjectKind, id, cancellationToken);
        if (found is null)
        {
            return NotFound(id);
        }

        // The actions are what the audience was told; the figures are for the people who read results.
        var caller = http.GetCaller();
        var mayReadFigures = caller.HasAny(FollowThroughService.Readers);
        var audience = found.Subject.Audience.Any(p => p.Id == caller.Person?.Id);
        if (!mayReadFigures && !audience && !found.Subject.MayPublish(caller))
        {
            return HttpResults.Problem(title: "Not allowed", detail: "Only its audience, its leaders, HR and executives can read this.", statusCode: StatusCodes.Status403Forbidden);
        }

        return HttpResults.Ok(new
        {
            kind = subjectKind,
            id = found.Subject.Id,
            title = found.Subject.Title,
            summary = found.Summary is { } s ? new { heard = s.Heard, publishedAt = s.PublishedAt, publishedBy = s.PublishedBy } : null,
            actions = found.Actions.Select(a => new { id = a.Id, title = a.Title, owner = a.OwnerId, due = a.Due, status = ActionStatusNames.NameOf(a.Status), reason = a.Reason, doneAt = a.DoneAt }),
            figures = mayReadFigures ? await figures.GetAsync(subjectKind, id, cancellationToken) : null,

            // For a town hall's hosts: the anonymous questions whose askers allow a follow-up, and the thread to
            // reply through (POST /api/loop/threads/{id}/{threadId}/replies). Never who asked.
            followUps = subjectKind == SubjectKind.TownHall && found.Subject.MayPublish(caller)
                ? (await threads.ListAsync(found.Subject.Id, cancellationToken)).Select(t => new { questionId = t.QuestionId, threadId = t.RowKey, state = t.State })
                : null,
        });
    }

    private static async Task<IResult> PublishAsync(string kind, string id, SummaryDraft? draft, HttpContext http, CommitmentService commitments, CancellationToken cancellationToken)
    {
        if (ParseKind(kind) is not { } subjectKind)
        {
            return UnknownKind(kind);
        }

        var result = await commitments.PublishAsync(http.GetCaller(), subjectKind, id, draft, cancellationToken);
        return result.Outcome switch
        {
            CommitmentOutcome.Published => HttpResults.Created($"/api/loop/{kind}/{id}", new { id, publishedAt = result.Summary!.PublishedAt }),
            CommitmentOutcome.AlreadyPublished => HttpResults.Problem(title: "Already published", detail: "This summary was published once; actions change one by one.", statusCode: StatusCodes.Status409Conflict),
            CommitmentOutcome.NotClosed => HttpResults.Problem(title: "Not closed yet", detail: "A summary can be published once the results are out (the pulse is published, the town hall has taken place).", statusCode: StatusCodes.Status400BadRequest),
            CommitmentOutcome.Invalid => HttpResults.ValidationProblem(result.Errors, title: "The summary was not published"),
            CommitmentOutcome.NotAllowed => HttpResults.Problem(title: "Not allowed", detail: "Only the pulse's or town hall's leaders can publish its summary.", statusCode: StatusCodes.Status403Forbidden),
            _ => NotFound(id),
        };
    }

    private static async Task<IResult> ChangeAsync(string kind, string id, string actionId, ActionChangeBody? body, HttpContext http, CommitmentService commitments, CancellationToken cancellationToken)
    {
        if (ParseKind(kind) is null)
        {
            return UnknownKind(kind);
        }

        var result = await commitments.ChangeAsync(http.GetCaller(), new ActionChangeData(id, actionId, body?.Status ?? "", body?.Reason), cancellationToken);
        return result.Outcome switch
        {
            CommitmentOutcome.Changed => HttpResults.Ok(new { id = result.Action!.Id, status = ActionStatusNames.NameOf(result.Action.Status), version = result.Action.Version }),
            CommitmentOutcome.Invalid => HttpResults.ValidationProblem(result.Errors, title: "The action was not changed"),
            CommitmentOutcome.NotAllowed => HttpResults.Problem(title: "Not allowed", detail: "Only the action's owner, HR and executives can change it.", statusCode: StatusCodes.Status403Forbidden),
            _ => NotFound(actionId),
        };
    }

    public sealed record ActionChangeBody(string? Status, string? Reason);

    /// <param name="MessageId">Made by the page for this reply, so a retried request stores it once.</param>
    public sealed record ThreadReplyBody(string? MessageId, string? Text);

    /// <summary>A leader's reply from the results tab: the same rules as the card (role, state, limits), relayed once.</summary>
    private static async Task<IResult> ReplyAsync(string scope, string threadId, ThreadReplyBody? body, HttpContext http, ThreadService threads, CancellationToken cancellationToken)
    {
        if (body?.MessageId is not { Length: > 0 and <= 64 } messageId || !messageId.All(char.IsAsciiLetterOrDigit))
        {
            return HttpResults.ValidationProblem(new Dictionary<string, string[]> { ["messageId"] = ["Send a messageId of 1 to 64 letters and digits, made once per reply."] });
        }

        var result = await threads.ReplyAsync(http.GetCaller(), new ThreadReplyData(scope, threadId, messageId, body.Text), cancellationToken);
        return result.Outcome switch
        {
            ThreadOutcome.Sent => HttpResults.Ok(new { sent = true }),
            ThreadOutcome.AlreadySent => HttpResults.Ok(new { sent = false, alreadySent = true }),
            ThreadOutcome.NotAllowed => HttpResults.Problem(title: "Not allowed", detail: "Only HR and executives reply to pulse comments, and a town hall's hosts to its askers.", statusCode: StatusCodes.Status403Forbidden),
            ThreadOutcome.Unknown => NotFound(threadId),
            ThreadOutcome.Empty or ThreadOutcome.TooLong => HttpResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [ThreadCards.Outcome(result, leader: true).FallbackText ?? "The text is not valid."] }),
            _ => HttpResults.Problem(title: "Not sent", detail: ThreadCards.Outcome(result, leader: true).FallbackText, statusCode: StatusCodes.Status409Conflict),
        };
    }

    private static SubjectKind? ParseKind(string kind) => kind switch
    {
        "pulse" => SubjectKind.Pulse,
        "townhall" => SubjectKind.TownHall,
        _ => null,
    };

    private static IResult UnknownKind(string kind) =>
        HttpResults.Problem(title: "Unknown kind", detail: $"'{(kind.Length > 20 ? kind[..20] : kind)}' is neither 'pulse' nor 'townhall'.", statusCode: StatusCodes.Status400BadRequest);

    private static IResult NotFound(string id) =>
        HttpResults.Problem(title: "Not found", detail: $"Nothing called '{(id.Length > 40 ? id[..40] : id)}'.", statusCode: StatusCodes.Status404NotFound);
}
