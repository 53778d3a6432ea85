using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Routing;
using DialogueBot.Cards;
using DialogueBot.Loop.Cards;
using DialogueBot.Loop.Threads;
using DialogueBot.Org;

namespace DialogueBot.Loop;

/// <summary>
/// Loop card verbs: loop.reply, loop.answer, loop.resolve (threads), loop.action (commitments), and the
/// "follow-through" command. An adapter: read the typed data, call the service, map the result to a card.
/// </summary>
public sealed class LoopRoutes(ThreadService threads, Commitments.CommitmentService commitments, Figures.FollowThroughService figures) : IActivityRouteModule
{
    public void Map(ActivityRouter router)
    {
        // Threads are private conversations: personal scope only, like results and answering.
        router.OnCardAction(ThreadCards.ReplyVerb, async (context, action, ct) =>
            (await WithDataAsync<ThreadReplyData>(action, async data => ThreadCards.Outcome(await threads.ReplyAsync(await context.GetCallerAsync(ct), data, ct), leader: true))).ToInvokeResponse(), personalOnly: true);
        router.OnCardAction(ThreadCards.AnswerVerb, async (context, action, ct) =>
            (await WithDataAsync<ThreadAnswerData>(action, async data => ThreadCards.Outcome(await threads.AnswerAsync(await context.GetCallerAsync(ct), data, ct), leader: false))).ToInvokeResponse(), personalOnly: true);
        router.OnCardAction(ThreadCards.ResolveVerb, async (context, action, ct) =>
            (await WithDataAsync<ThreadResolveData>(action, async data => ThreadCards.Outcome(await threads.ResolveAsync(await context.GetCallerAsync(ct), data, ct), leader: true))).ToInvokeResponse(), personalOnly: true);

        router.OnCardAction(CommitmentCards.ChangeVerb, async (context, action, ct) =>
            (await WithDataAsync<ActionChangeData>(action, async data => CommitmentCards.Outcome(await commitments.ChangeAsync(await context.GetCallerAsync(ct), data, ct)))).ToInvokeResponse());

        router.OnCommand("follow-through", async (context, ct) => await context.ReplyAsync(await FiguresAsync(context, ct), ct), personalOnly: true);
        router.OnCardAction(FiguresCard.Verb, async (context, _, ct) => (await FiguresAsync(context, ct)).ToInvokeResponse(), personalOnly: true);
    }

    private async Task<AdaptiveCard> FiguresAsync(TurnContext context, CancellationToken ct)
    {
        var caller = await context.GetCallerAsync(ct);
        return caller.HasAny(Figures.FollowThroughService.Readers)
            ? FiguresCard.Build(await figures.GetAsync(ct))
            : StatusCards.NotAllowed("read follow-through figures");
    }

    private static async Task<AdaptiveCard> WithDataAsync<T>(CardActionRequest action, Func<T, Task<AdaptiveCard>> handle)
        where T : class
    {
        var data = action.DataAs<T>();
        return data.IsValid ? await handle(data.Value!) : StatusCards.Problem("This card could not be read", data.Error ?? "The card's data is not valid.");
    }
}
