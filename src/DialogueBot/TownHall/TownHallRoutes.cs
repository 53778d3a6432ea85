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
        router.OnCardAction(TownHallCards.FollowVerb, FollowAsync);
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
        var offered = await service.OffersAnonymityAsync(townHall, ct);
        if (text.Length == 0 || (!offered && townHall.AnonymousByDefault))
        {
            // Where questions are named but the person may expect anonymity, the form (saying so) comes first:
            // nothing is stored with their name until they confirm.
            await context.SendAsync(TownHallCards.AskForm(townHall, Options.MaxQuestionLength, text.Length == 0 ? null : text, namedOnlyBelow: NamedOnlyBelow(offered)), ct);
            return null;
        }

        var askId = await service.AskIdForMessageAsync(townHall, context.Activity.Id, ct);
        var result = await service.AskAsync(caller, townHall.Id, text, anonymous: null, follow: true, force: false, askId, ct);
        await context.SendAsync(AskResultCard(result, text, result.Question?.Anonymous ?? townHall.AnonymousByDefault, follow: true, askId, offered), ct);
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

        var view = await board.BuildAsync(townHall, caller, BoardFilter.Open, null, ct);
        await context.SendAsync(BoardCard.Build(view, 0, Options.BoardPageSize), ct);
        return null;
    }

    private async Task<InvokeResponse?> AskFormAsync(TurnContext context, CardActionRequest action, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        var townHall = await service.FindAsync(action.GetString("townHallId"), ct);
        if (townHall is null)
        {
            return await context.ReplyAsync(StatusCards.Stale(), ct);
        }

        if (!TownHallAccess.IsInvited(townHall, caller))
        {
            return await context.ReplyAsync(StatusCards.NotAllowed("ask questions in this town hall"), ct);
        }

        return await context.ReplyAsync(service.WindowProblem(townHall) is { } closed
            ? TownHallCards.Problem(TownHallProblem.Closed, closed, townHall)
            : TownHallCards.AskForm(townHall, Options.MaxQuestionLength, namedOnlyBelow: NamedOnlyBelow(await service.OffersAnonymityAsync(townHall, ct))), ct);
    }

    private async Task<InvokeResponse?> AskAsync(TurnContext context, CardActionRequest action, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        var townHallId = action.GetString("townHallId") ?? "";
        var text = action.GetString("text");
        var townHall = await service.FindAsync(townHallId, ct);
        var anonymous = Flag(action, "anonymous");
        var follow = Flag(action, "follow") ?? true;
        var askId = action.GetString("askId");
        var result = await service.AskAsync(caller, townHallId, text, anonymous, follow, Flag(action, "force") ?? false, askId, ct);
        var offered = townHall is not null && await service.OffersAnonymityAsync(townHall, ct);
        return await context.ReplyAsync(AskResultCard(result, text ?? "", anonymous ?? (townHall?.AnonymousByDefault ?? true) && offered, follow, askId, offered), ct);
    }

    private int? NamedOnlyBelow(bool offered) => offered ? null : service.MinimumGroupSize;

    private AdaptiveCard AskResultCard(QuestionResult result, string text, bool anonymous, bool follow, string? askId, bool offered) => result.Problem switch
    {
        TownHallProblem.None => TownHallCards.Posted(result.TownHall!, result.Question!, Options.MaxQuestionLength, result.Message.Length > 0 ? result.Message : null, result.AskerToken, result.Following),
        TownHallProblem.Duplicate => TownHallCards.Duplicate(result.TownHall!, result.Duplicate!, CardText.Clean(text, Options.MaxQuestionLength), anonymous, follow, askId),
        // The same ask id goes back into the form, so correcting and pressing again is still one question.
        TownHallProblem.Invalid => TownHallCards.AskForm(result.TownHall!, Options.MaxQuestionLength, text, anonymous && offered, result.Message, askId, NamedOnlyBelow(offered)),
        _ => TownHallCards.Problem(result.Problem, result.Message, result.TownHall),
    };

    private async Task<InvokeResponse?> VoteAsync(TurnContext context, CardActionRequest action, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        var townHallId = action.GetString("townHallId") ?? "";
        // Strict: "on" absent means an upvote (older cards), but a value that is neither true nor false is
        // refused, never read as an upvote.
        var on = action.GetBoolean("on");
        if (on.IsInvalid)
        {
            return await context.ReplyAsync(TownHallCards.Problem(TownHallProblem.Invalid, "This vote button sent a value the bot does not understand, so no vote was counted or removed. Open the board again and vote from there.", await service.FindAsync(townHallId, ct)), ct);
        }

        var result = await service.SetVoteAsync(caller, townHallId, action.GetString("questionId") ?? "", on.OrNull ?? true, ct);
        if (!result.Ok)
        {
            return await context.ReplyAsync(result.Problem == TownHallProblem.NotAllowed
                ? StatusCards.NotAllowed("vote in this town hall")
                : TownHallCards.Problem(result.Problem, result.Message, await service.FindAsync(townHallId, ct)), ct);
        }

        var notice = result.Voted ? $"Your vote counts: #{result.Question!.Number} now has {TownHallCards.Votes(result.Votes)}." : "Your vote was removed.";
        return await BoardReplyAsync(context, caller, townHallId, action, notice, ct);
    }

    private async Task<InvokeResponse?> EditAsync(TurnContext context, CardActionRequest action, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        var result = await service.EditAsync(caller, action.GetString("townHallId") ?? "", action.GetString("questionId") ?? "", action.GetString("text"), action.GetString("token"), ct);
        return await context.ReplyAsync(result.Ok
            ? TownHallCards.Posted(result.TownHall!, result.Question!, Options.MaxQuestionLength, result.Message, result.AskerToken, result.Following)
            : TownHallCards.Problem(result.Problem, result.Message, result.TownHall), ct);
    }

    private async Task<InvokeResponse?> FollowAsync(TurnContext context, CardActionRequest action, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        var result = await service.SetFollowAsync(caller, action.GetString("townHallId") ?? "", action.GetString("questionId") ?? "", action.GetString("token"), Flag(action, "on") ?? true, ct);
        return await context.ReplyAsync(result.Ok
            ? TownHallCards.Posted(result.TownHall!, result.Question!, Options.MaxQuestionLength, result.Message, result.AskerToken, result.Following)
            : TownHallCards.Problem(result.Problem, result.Message, result.TownHall), ct);
    }

    private async Task<InvokeResponse?> WithdrawAsync(TurnContext context, CardActionRequest action, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        var result = await service.WithdrawAsync(caller, action.GetString("townHallId") ?? "", action.GetString("questionId") ?? "", action.GetString("token"), ct);
        return await context.ReplyAsync(result.Ok ? TownHallCards.Withdrawn(result.TownHall!) : TownHallCards.Problem(result.Problem, result.Message, result.TownHall), ct);
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
            return await context.ReplyAsync(StatusCards.Stale(), ct);
        }

        var result = await service.ModerateAsync(
            caller, townHallId, questionId, what,
            what == ModerationAction.Dismiss ? action.GetString(BoardCard.InputId("reason", questionId)) : action.GetString(BoardCard.InputId("answer", questionId)),
            action.GetString(BoardCard.InputId("link", questionId)),
            action.GetString(BoardCard.InputId("into", questionId)),
            ct);
        if (result.Problem == TownHallProblem.NotAllowed)
        {
            return await context.ReplyAsync(StatusCards.NotAllowed("moderate this town hall's questions"), ct);
        }

        if (!result.Ok && result.Problem != TownHallProblem.Invalid && result.Problem != TownHallProblem.NotOpen)
        {
            return await context.ReplyAsync(TownHallCards.Problem(result.Problem, result.Message, result.TownHall), ct);
        }

        return await BoardReplyAsync(context, caller, townHallId, action, result.Message, ct);
    }

    private async Task<InvokeResponse?> BoardReplyAsync(TurnContext context, Caller caller, string townHallId, CardActionRequest action, string? notice, CancellationToken ct)
    {
        var townHall = await service.FindAsync(townHallId, ct);
        if (townHall is null)
        {
            return await context.ReplyAsync(StatusCards.Stale(), ct);
        }

        if (!TownHallAccess.CanSeeBoard(townHall, caller))
        {
            return await context.ReplyAsync(StatusCards.NotAllowed("see this town hall's questions"), ct);
        }

        if (!TownHallBoard.TryParseFilter(action.GetString("filter"), out var filter))
        {
            filter = BoardFilter.Open;
        }

        var page = (int)Math.Clamp(action.GetInt64("page") ?? 0, 0, 10_000);
        var view = await board.BuildAsync(townHall, caller, filter, Tokens(action), ct);
        return await context.ReplyAsync(BoardCard.Build(view, page, Options.BoardPageSize, notice), ct);
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

    /// <summary>The asker tokens a board button carries (from the asker's own receipt card).</summary>
    private static List<string>? Tokens(CardActionRequest action) =>
        action.Data.ValueKind == JsonValueKind.Object && action.Data.TryGetProperty("tokens", out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).Take(TownHallBoard.MaxTokens).ToList()
            : null;
}
