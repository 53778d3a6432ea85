using DialogueBot.BotFramework.Routing;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Cards;
using DialogueBot.Org;

namespace DialogueBot.Help;

/// <summary>"help", the help button, and the polite answers for anything the bot does not understand.</summary>
public sealed class HelpRoutes(HelpCard help, ILogger<HelpRoutes> logger) : IActivityRouteModule
{
    public void Map(ActivityRouter router)
    {
        router.OnCommand("help", async (context, ct) =>
        {
            var caller = await context.GetCallerAsync(ct);
            await context.SendAsync(await help.BuildAsync(caller, ct), ct);
            return null;
        });

        router.OnCardAction(HelpCard.ShowVerb, async (context, _, ct) =>
        {
            var caller = await context.GetCallerAsync(ct);
            return (await help.BuildAsync(caller, ct)).ToInvokeResponse();
        });

        router.OnUnknownCardAction((context, action, ct) =>
        {
            logger.LogInformation("Card action with unknown verb {Verb}: answered as stale.", action.Verb.Length > 64 ? action.Verb[..64] : action.Verb);
            return context.ReplyAsync(StatusCards.Stale(), ct);
        });

        router.OnUnhandledMessage(async (context, ct) =>
        {
            if (context.Activity.Value is not null && string.IsNullOrWhiteSpace(context.Activity.Text))
            {
                // A card submit without a verb we know: an old or forged card.
                await context.SendAsync(StatusCards.Stale(), ct);
                return null;
            }

            var caller = await context.GetCallerAsync(ct);
            await context.SendTextAsync("I didn't catch that. Here is what I can do:", ct);
            await context.SendAsync(await help.BuildAsync(caller, ct), ct);
            return null;
        });

        router.OnError(async (context, exception, ct) =>
        {
            var reference = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
            // Only a person's own turn hears about it; an install or update event that failed answers nothing.
            return context.Activity.Type is ActivityTypes.Invoke or ActivityTypes.Message
                ? await context.ReplyAsync(StatusCards.Unexpected(reference[..12]), ct)
                : null;
        });
    }
}
