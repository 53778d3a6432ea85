using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Routing;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Cards;
using DialogueBot.Org;
using Microsoft.Extensions.Options;

namespace DialogueBot.TownHall;

/// <summary>The town hall in chat: "ask …", "questions", and every townhall.* card verb.</summary>
public sealed class TownHallRoutes(TownHallService service, TownHallBoard board, IOptions<TownHallOptions> options, Loop.Threads.QuestionFollowUps followUps) : IActivityRouteModule
{
    private TownHallOptions Options => options.Value;

    public void Map(ActivityRouter router)
    {
        // Asking is personal-scope only (issue 12): an "ask" typed in a channel is public, so it must never be stored as anonymous.
        router.OnCommand("ask", AskCommandAsync, personalOnly: true);
        router.OnCommand("questions", BoardCommandAsync);
        router.OnCardAction(TownHallCards.AskFormVerb, Typed<AskFormData>(AskFormAsync), personalOnly: true);
        router.OnCardAction(TownHallCards.AskVerb, Typed<AskData>(AskAsync), personalOnly: true);
        router.OnCardAction(TownHallCards.VoteVerb, Typed<VoteData>(VoteAsync));
        router.OnCardAction(TownHallCards.EditVerb, Typed<EditData>(EditAsync));
        router.OnCardAction(TownHallCards.WithdrawVerb, Typed<WithdrawData>(WithdrawAsync));
        router.OnCardAction(TownHallCards.FollowVerb, Typed<FollowData>(FollowAsync));
        router.OnCardAction(TownHallCards.BoardVerb, Typed<BoardData>(BoardAsync));
        router.OnCardAction(TownHallCards.ModerateVerb, Typed<ModerateData>(ModerateAsync));
    }

    /// <summary>
    /// "ask …" typed in chat: the form, pre-filled with what was typed, where the person chooses named or
    /// anonymous (or reads that questions are named here); nothing is stored until they press Ask, since storing
    /// at once would use the default whichever they meant. With several town halls open, it asks which first.
    /// </summary>
    private async Task<InvokeResponse?> AskCommandAsync(TurnContext context, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        var open = await service.OpenForAskingAsync(caller, ct);
        if (open.Count == 0)
        {
            await context.SendAsync(StatusCards.Notice("No town hall right now", "No town hall you are invited to is taking questions. You will get a card when the next one opens."), ct);
            return null;
        }

        var text = ActivityRouter.ArgumentOf(context.Activity.Text);
        if (open.Count > 1)
        {
            await context.SendAsync(TownHallCards.ChooseTownHall(open, text.Length == 0 ? null : CardText.Clean(text, Options.MaxQuestionLength)), ct);
            return null;
        }

        var offered = await service.OffersAnonymityAsync(open[0], ct);
        await context.SendAsync(TownHallCards.AskForm(open[0], Options.MaxQuestionLength, text.Length == 0 ? null : text, namedOnlyBelow: NamedOnlyBelow(offered)), ct);
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

    /// <summary>
    /// Reads the verb's record from the card's data; when a field is missing or not valid, nothing is done and
    /// the card names the field, with a way back to the board when the town hall can still be read.
    /// </summary>
    private CardActionHandler Typed<T>(Func<TurnContext, T, CancellationToken, Task<InvokeResponse?>> handler)
        where T : class => async (context, action, ct) =>
        {
            var data = action.DataAs<T>();
            if (data.IsValid)
            {
                return await handler(context, data.Value!, ct);
            }

            var townHall = action.DataAs<TownHallRef>().Value is { } known ? await service.FindAsync(known.TownHallId, ct) : null;
            return await context.ReplyAsync(TownHallCards.Problem(TownHallProblem.Invalid, $"This button sent something the bot does not understand ({data.Error}), so nothing was changed. Open the board again and try from there.", townHall), ct);
        };

    private async Task<InvokeResponse?> AskFormAsync(TurnContext context, AskFormData data, CancellationToken ct)
    {
        var result = await service.OpenAskFormAsync(await context.GetCallerAsync(ct), data.TownHallId, ct);
        return await context.ReplyAsync(result.Problem switch
        {
            TownHallProblem.None => TownHallCards.AskForm(result.TownHall!, Options.MaxQuestionLength, data.Text, namedOnlyBelow: NamedOnlyBelow(result.OffersAnonymity)),
            TownHallProblem.NotAllowed => StatusCards.NotAllowed("ask questions in this town hall"),
            _ => TownHallCards.Problem(result.Problem, result.Message, result.TownHall),
        }, ct);
    }

    private async Task<InvokeResponse?> AskAsync(TurnContext context, AskData data, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        var townHall = await service.FindAsync(data.TownHallId, ct);
        var follow = data.Follow ?? true;
        var result = await service.AskAsync(caller, data.TownHallId, data.Text, data.Anonymous, follow, data.Force ?? false, data.AskId, ct);
        await followUps.OfferAsync(context, result.Problem == TownHallProblem.None ? result.Question : null, ct); // issue 15
        var offered = townHall is not null && await service.OffersAnonymityAsync(townHall, ct);
        return await context.ReplyAsync(AskResultCard(result, data.Text ?? "", TownHallRules.AsksAnonymously(data.Anonymous, townHall?.AnonymousByDefault ?? true, offered), follow, data.AskId, offered), ct);
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

    private async Task<InvokeResponse?> VoteAsync(TurnContext context, VoteData data, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        // "on" absent means an upvote (older cards); a value that is neither true nor false never got here.
        var result = await service.SetVoteAsync(caller, data.TownHallId, data.QuestionId, data.On ?? true, ct);
        if (result.Problem == TownHallProblem.NotAllowed)
        {
            return await context.ReplyAsync(StatusCards.NotAllowed("vote in this town hall"), ct);
        }

        // A press on an old card (the question answered, merged away or withdrawn since, voting closed) is said
        // in the board's notice, over the current board: the person keeps their place instead of an error card.
        if (!result.Ok)
        {
            return await BoardReplyAsync(context, caller, data.Place, result.Message, ct, noticeIsWarning: true);
        }

        var notice = result.Voted ? $"Your vote counts: \"{CardText.Clean(result.Question!.Text, 60)}\" now has {TownHallCards.Votes(result.Votes)}." : "Your vote was removed.";
        return await BoardReplyAsync(context, caller, data.Place, notice, ct);
    }

    private async Task<InvokeResponse?> EditAsync(TurnContext context, EditData data, CancellationToken ct)
    {
        var result = await service.EditAsync(await context.GetCallerAsync(ct), data.TownHallId, data.QuestionId, data.Text, data.Token, ct);
        return await context.ReplyAsync(ReceiptOrProblem(result), ct);
    }

    private async Task<InvokeResponse?> FollowAsync(TurnContext context, FollowData data, CancellationToken ct)
    {
        var result = await service.SetFollowAsync(await context.GetCallerAsync(ct), data.TownHallId, data.QuestionId, data.Token, data.On ?? true, ct);
        return await context.ReplyAsync(ReceiptOrProblem(result), ct);
    }

    private AdaptiveCard ReceiptOrProblem(QuestionResult result) => result.Ok
        ? TownHallCards.Posted(result.TownHall!, result.Question!, Options.MaxQuestionLength, result.Message, result.AskerToken, result.Following)
        : TownHallCards.Problem(result.Problem, result.Message, result.TownHall);

    private async Task<InvokeResponse?> WithdrawAsync(TurnContext context, WithdrawData data, CancellationToken ct)
    {
        var result = await service.WithdrawAsync(await context.GetCallerAsync(ct), data.TownHallId, data.QuestionId, data.Token, ct);
        return await context.ReplyAsync(result.Ok ? TownHallCards.Withdrawn(result.TownHall!) : TownHallCards.Problem(result.Problem, result.Message, result.TownHall), ct);
    }

    private async Task<InvokeResponse?> BoardAsync(TurnContext context, BoardData data, CancellationToken ct) =>
        await BoardReplyAsync(context, await context.GetCallerAsync(ct), data, null, ct);

    private async Task<InvokeResponse?> ModerateAsync(TurnContext context, ModerateData data, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        var text = data.Action == ModerationAction.Dismiss ? data.Input("reason") : data.Input("answer");
        var result = await service.ModerateAsync(caller, data.TownHallId, data.QuestionId, data.Action, text, data.Input("link"), data.Input("into"), ct);
        if (result.Problem == TownHallProblem.NotAllowed)
        {
            return await context.ReplyAsync(StatusCards.NotAllowed("moderate this town hall's questions"), ct);
        }

        // A refused moderation (no reason given, a question no longer open) is said on the board, in its notice.
        if (!result.Ok && result.Problem != TownHallProblem.Invalid && result.Problem != TownHallProblem.NotOpen)
        {
            return await context.ReplyAsync(TownHallCards.Problem(result.Problem, result.Message, result.TownHall), ct);
        }

        return await BoardReplyAsync(context, caller, data.Place, result.Message, ct);
    }

    private async Task<InvokeResponse?> BoardReplyAsync(TurnContext context, Caller caller, BoardData place, string? notice, CancellationToken ct, bool noticeIsWarning = false)
    {
        var seen = await service.SeeBoardAsync(caller, place.TownHallId, ct);
        if (!seen.Ok)
        {
            return await context.ReplyAsync(seen.Problem == TownHallProblem.NotAllowed ? StatusCards.NotAllowed("see this town hall's questions") : StatusCards.Stale(), ct);
        }

        var page = Math.Clamp(place.Page ?? 0, 0, 10_000);
        var view = await board.BuildAsync(seen.TownHall!, caller, place.Filter ?? BoardFilter.Open, place.Tokens?.Take(TownHallBoard.MaxTokens).ToList(), ct);
        return await context.ReplyAsync(BoardCard.Build(view, page, Options.BoardPageSize, notice, noticeIsWarning), ct);
    }

}
