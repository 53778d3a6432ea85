using System.Text.Json;
using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Routing;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Cards;
using DialogueBot.Org;
using DialogueBot.TownHall.TownHalls;
using Microsoft.Extensions.Options;

namespace DialogueBot.TownHall;

/// <summary>The town hall in chat: "ask …", "questions", and every townhall.* card verb.</summary>
public sealed class TownHallRoutes(TownHallService service, TownHallBoard board, IOptions<TownHallOptions> options) : IActivityRouteModule
{
    private TownHallOptions Options => options.Value;

    public void Map(ActivityRouter router)
    {
        // Asking is personal-scope only (issue 12): an "ask" typed in a channel is public, so it must never be stored as anonymous.
        router.OnCommand("ask", AskCommandAsync, personalOnly: true);
        router.OnCommand("questions", BoardCommandAsync);
        router.OnCardAction(TownHallCards.AskFormVerb, AskFormAsync, personalOnly: true);
        router.OnCardAction(TownHallCards.AskVerb, AskAsync, personalOnly: true);
        router.OnCardAction(TownHallCards.VoteVerb, VoteAsync);
        router.OnCardAction(TownHallCards.EditVerb, EditAsync);
        router.OnCardAction(TownHallCards.WithdrawVerb, WithdrawAsync);
        router.OnCardAction(TownHallCards.BoardVerb, BoardAsync);
        router.OnCardAction(TownHallCards.ModerateVerb, ModerateAsync);
    }

    private async Task<InvokeResponse?> AskCommandAsync(TurnContext context, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        var townHall = await service.CurrentForAsync(caller, ct);
        if (townHall is null)
        {
            await context.SendAsync(StatusCards.Notice("No town hall right now", "No town hall you are invited to is taking questions. You will get a card when the next one opens."), ct);
            return null;
        }

        var text = ActivityRouter.ArgumentOf(context.Activity.Text);
        if (text.Length == 0)
        {
            await context.SendAsync(TownHallCards.AskForm(townHall, Options.MaxQuestionLength), ct);
            return null;
        }

        var result = await service.AskAsync(caller, townHall.Id, text, townHall.AnonymousByDefault, follow: true, force: false, ct);
        await context.SendAsync(AskResultCard(result, text, townHall.AnonymousByDefault, follow: true), ct);
        return null;
    }

    private async Task<InvokeResponse?> BoardCommandAsync(TurnContext context, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        var townHall = await service.CurrentForAsync(caller, ct);
        if (townHall is null)
        {
            await context.SendAsync(StatusCards.Notice("No town hall right now", "There is no town hall board for you to see yet."), ct);
            return null;
        }

        var view = await board.BuildAsync(townHall, caller, BoardFilter.Open, ct);
        await context.SendAsync(BoardCard.Build(view, 0, Options.BoardPageSize), ct);
        return null;
    }

    private async Task<InvokeResponse?> AskFormAsync(TurnContext context, CardActionRequest action, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        var townHall = await service.FindAsync(action.GetString("townHallId"), ct);
        if (townHall is null)
        {
            return await ReplyAsync(context, StatusCards.Stale(), ct);
        }

        if (!TownHallAccess.IsInvited(townHall, caller))
        {
            return await ReplyAsync(context, StatusCards.NotAllowed("ask questions in this town hall"), ct);
        }

        return await ReplyAsync(context, service.WindowProblem(townHall) is { } closed
            ? TownHallCards.Problem(TownHallProblem.Closed, closed, townHall)
            : TownHallCards.AskForm(townHall, Options.MaxQuestionLength), ct);
    }

    private async Task<InvokeResponse?> AskAsync(TurnContext context, CardActionRequest action, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        var townHallId = action.GetString("townHallId") ?? "";
        var text = action.GetString("text");
        var townHall = await service.FindAsync(townHallId, ct);
        var anonymous = Flag(action, "anonymous") ?? townHall?.AnonymousByDefault ?? true;
        var follow = Flag(action, "follow") ?? true;
        var result = await service.AskAsync(caller, townHallId, text, anonymous, follow, Flag(action, "force") ?? false, ct);
        return await ReplyAsync(context, AskResultCard(result, text ?? "", anonymous, follow), ct);
    }

    private AdaptiveCard AskResultCard(QuestionResult result, string text, bool anonymous, bool follow) => result.Problem switch
    {
        TownHallProblem.None => TownHallCards.Posted(result.TownHall!, result.Question!, Options.MaxQuestionLength, result.Message.Length > 0 ? result.Message : null),
        TownHallProblem.Duplicate => TownHallCards.Duplicate(result.TownHall!, result.Duplicate!, CardText.Clean(text, Options.MaxQuestionLength), anonymous, follow),
        TownHallProblem.Invalid => TownHallCards.AskForm(result.TownHall!, Options.MaxQuestionLength, text, anonymous, result.Message),
        _ => TownHallCards.Problem(result.Problem, result.Message, result.TownHall),
    };

    private async Task<InvokeResponse?> VoteAsync(TurnContext context, CardActionRequest action, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        var townHallId = action.GetString("townHallId") ?? "";
        var result = await service.SetVoteAsync(caller, townHallId, action.GetString("questionId") ?? "", Flag(action, "on") ?? true, ct);
        if (!result.Ok)
        {
            return await ReplyAsync(context, result.Problem == TownHallProblem.NotAllowed
                ? StatusCards.NotAllowed("vote in this town hall")
                : TownHallCards.Problem(result.Problem, result.Message, await service.FindAsync(townHallId, ct)), ct);
        }

        var notice = result.Voted ? $"Your vote counts: #{result.Question!.Number} now has {TownHallCards.Votes(result.Votes)}." : "Your vote was removed.";
        return await BoardReplyAsync(context, caller, townHallId, action, notice, ct);
    }

    private async Task<InvokeResponse?> EditAsync(TurnContext context, CardActionRequest action, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        var result = await service.EditAsync(caller, action.GetString("townHallId") ?? "", action.GetString("questionId") ?? "", action.GetString("text"), ct);
        return await ReplyAsync(context, result.Ok
            ? TownHallCards.Posted(result.TownHall!, result.Question!, Options.MaxQuestionLength, result.Message)
            : TownHallCards.Problem(result.Problem, result.Message, result.TownHall), ct);
    }

    private async Task<InvokeResponse?> WithdrawAsync(TurnContext context, CardActionRequest action, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        var result = await service.WithdrawAsync(caller, action.GetString("townHallId") ?? "", action.GetString("questionId") ?? "", ct);
        return await ReplyAsync(context, result.Ok ? TownHallCards.Withdrawn(result.TownHall!) : TownHallCards.Problem(result.Problem, result.Message, result.TownHall), ct);
    }

    private async Task<InvokeResponse?> BoardAsync(TurnContext context, CardActionRequest action, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        return await BoardReplyAsync(context, caller, action.GetString("townHallId") ?? "", action, null, ct);
    }

    private async Task<InvokeResponse?> ModerateAsync(TurnContext context, CardActionRequest action, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        var townHallId = action.GetString("townHallId") ?? "";
        var questionId = action.GetString("questionId") ?? "";
        if (!Enum.TryParse<ModerationAction>(action.GetString("action"), ignoreCase: true, out var what) || !Enum.IsDefined(what))
        {
            return await ReplyAsync(context, StatusCards.Stale(), ct);
        }

        var result = await service.ModerateAsync(
            caller, townHallId, questionId, what,
            what == ModerationAction.Dismiss ? action.GetString(BoardCard.InputId("reason", questionId)) : action.GetString(BoardCard.InputId("answer", questionId)),
            action.GetString(BoardCard.InputId("link", questionId)),
            action.GetString(BoardCard.InputId("into", questionId)),
            ct);
        if (result.Problem == TownHallProblem.NotAllowed)
        {
            return await ReplyAsync(context, StatusCards.NotAllowed("moderate this town hall's questions"), ct);
        }

        if (!result.Ok && result.Problem != TownHallProblem.Invalid && result.Problem != TownHallProblem.NotOpen)
        {
            return await ReplyAsync(context, TownHallCards.Problem(result.Problem, result.Message, result.TownHall), ct);
        }

        return await BoardReplyAsync(context, caller, townHallId, action, result.Message, ct);
    }

    private async Task<InvokeResponse?> BoardReplyAsync(TurnContext context, Caller caller, string townHallId, CardActionRequest action, string? notice, CancellationToken ct)
    {
        var townHall = await service.FindAsync(townHallId, ct);
        if (townHall is null)
        {
            return await ReplyAsync(context, StatusCards.Stale(), ct);
        }

        if (!TownHallAccess.CanSeeBoard(townHall, caller))
        {
            return await ReplyAsync(context, StatusCards.NotAllowed("see this town hall's questions"), ct);
        }

        if (!TownHallBoard.TryParseFilter(action.GetString("filter"), out var filter))
        {
            filter = BoardFilter.Open;
        }

        var page = (int)Math.Clamp(action.GetInt64("page") ?? 0, 0, 10_000);
        var view = await board.BuildAsync(townHall, caller, filter, ct);
        return await ReplyAsync(context, BoardCard.Build(view, page, Options.BoardPageSize, notice), ct);
    }

    /// <summary>A true/false field, as JSON booleans or the "true"/"false" strings toggles send; null when absent.</summary>
    private static bool? Flag(CardActionRequest action, string name)
    {
        if (action.Data.ValueKind != JsonValueKind.Object || !action.Data.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => bool.TryParse(action.GetString(name), out var b) ? b : null,
            _ => null,
        };
    }

    private static async Task<InvokeResponse?> ReplyAsync(TurnContext context, AdaptiveCard card, CancellationToken ct)
    {
        if (context.Activity.Type == ActivityTypes.Invoke)
        {
            return card.ToInvokeResponse();
        }

        await context.SendAsync(card, ct);
        return null;
    }
}
