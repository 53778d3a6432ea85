using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Routing;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Cards;

namespace DialogueBot.Org.Graph;

/// <summary>The review card's verbs. The role check is the service's, made on the server for every press.</summary>
public sealed class GraphSyncRoutes(GraphOrgSync sync) : IActivityRouteModule
{
    private delegate Task<GraphReviewResult> Review(string proposalId, string callerAadObjectId, CancellationToken cancellationToken);

    public void Map(ActivityRouter router)
    {
        router.OnCardAction(GraphReviewCard.ApproveVerb, (c, a, ct) => ReviewAsync(c, a, sync.ApproveAsync, ct), personalOnly: true);
        router.OnCardAction(GraphReviewCard.RejectVerb, (c, a, ct) => ReviewAsync(c, a, sync.RejectAsync, ct), personalOnly: true);
    }

    private static async Task<InvokeResponse?> ReviewAsync(TurnContext context, CardActionRequest action, Review review, CancellationToken cancellationToken)
    {
        var data = action.DataAs<GraphReviewData>();
        AdaptiveCard card;
        if (!data.IsValid)
        {
            card = StatusCards.Problem("This card cannot be read", data.Error ?? "It sent no proposal.");
        }
        else
        {
            var caller = await context.GetCallerAsync(cancellationToken);
            var result = caller.AadObjectId.Length == 0
                ? new GraphReviewResult(GraphReviewOutcome.NotAllowed)
                : await review(data.Value!.ProposalId, caller.AadObjectId, cancellationToken);
            card = result.Outcome switch
            {
                GraphReviewOutcome.Applied => GraphReviewCard.Applied(result.Diff),
                GraphReviewOutcome.Rejected => GraphReviewCard.Rejected(),
                GraphReviewOutcome.NotAllowed => StatusCards.NotAllowed("review org chart changes from Entra ID"),
                _ => StatusCards.Stale(),
            };
        }

        if (context.Activity.Type == ActivityTypes.Invoke)
        {
            return card.ToInvokeResponse();
        }

        await context.SendAsync(card, cancellationToken);
        return null;
    }
}
