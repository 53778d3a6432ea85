using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Loop.Commitments;
using DialogueBot.Org;

namespace DialogueBot.Loop.Cards;

/// <summary>"You said, we did": the summary the audience gets, an action's change, the owner's overdue reminder, and press outcomes.</summary>
public static class CommitmentCards
{
    public const string ChangeVerb = "loop.action";

    public static AdaptiveCard Summary(SummaryEntity summary, IReadOnlyList<(string Label, string Value)> headlines, IReadOnlyList<CommitmentAction> actions, OrgSnapshot org)
    {
        var body = new List<CardElement>
        {
            new TextBlock("You said, we did") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading },
            new TextBlock($"{CardText.Markdown(summary.Title, 120)} · from {CardText.Markdown(NameOf(org, summary.PublishedBy), 80)}") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None },
        };
        if (headlines.Count > 0)
        {
            body.Add(new TextBlock("The results") { Weight = FontWeight.Bolder, Spacing = Spacing.Medium });
            body.Add(new FactSet { Facts = headlines.Select(h => new Fact(CardText.Markdown(h.Label, 80), CardText.Markdown(h.Value, 80))).ToList() });
        }

        body.Add(new TextBlock("What we heard") { Weight = FontWeight.Bolder, Spacing = Spacing.Medium });
        body.Add(CardText.User(summary.Heard, CommitmentRules.MaxHeardLength));
        body.Add(new TextBlock(actions.Count == 0 ? "No actions were committed to." : "What we will do") { Weight = FontWeight.Bolder, Spacing = Spacing.Medium });
        body.AddRange(actions.Select(a => ActionLine(a, org)));
        return new AdaptiveCard { FallbackText = $"You said, we did: {summary.Title}", Body = body };
    }

    public static AdaptiveCard Changed(SummaryEntity summary, CommitmentAction action, OrgSnapshot org) => new()
    {
        FallbackText = $"Action {ActionStatusNames.Label(action.Status)}: {action.Title}",
        Body =
        [
            new TextBlock($"An action is {ActionStatusNames.Label(action.Status)}") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading },
            new TextBlock($"From \"{CardText.Markdown(summary.Title, 120)}\"") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None },
            ActionLine(action, org),
        ],
    };

    /// <summary>To the owner, once, when the due day has passed: the buttons move the action on.</summary>
    public static AdaptiveCard Overdue(SummaryEntity summary, CommitmentAction action) => new()
    {
        FallbackText = $"Overdue: {action.Title}",
        Body =
        [
            new TextBlock("An action you own is overdue") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading, Color = TextColor.Warning },
            new TextBlock($"From \"{CardText.Markdown(summary.Title, 120)}\" · due {Day(action.Due)}") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None },
            CardText.User(action.Title, CommitmentRules.MaxTitleLength),
            new TextBlock("The people who were told about it hear when it changes.") { Size = FontSize.Small, IsSubtle = true },
        ],
        Actions = ChangeActions(summary.PartitionKey, action),
    };

    /// <summary>The buttons that move an action on (for its owner): in progress, done, or dropped with a reason.</summary>
    public static List<CardAction> ChangeActions(string subject, CommitmentAction action)
    {
        var actions = new List<CardAction>();
        if (action.Status == ActionStatus.Open)
        {
            actions.Add(new ExecuteAction("In progress", ChangeVerb, new ActionChangeData(subject, action.Id, ActionStatusNames.NameOf(ActionStatus.InProgress))));
        }

        actions.Add(new ExecuteAction("Done", ChangeVerb, new ActionChangeData(subject, action.Id, ActionStatusNames.NameOf(ActionStatus.Done))) { Style = ActionStyle.Positive });
        actions.Add(new ShowCardAction("Drop it", new NestedCard
        {
            Body = [new InputText { Id = "reason", Label = "Why is it dropped?", IsMultiline = true, MaxLength = CommitmentRules.MaxReasonLength, IsRequired = true, ErrorMessage = "Say why." }],
            Actions = [new ExecuteAction("Drop the action", ChangeVerb, new ActionChangeData(subject, action.Id, ActionStatusNames.NameOf(ActionStatus.Dropped)))],
        }));
        return actions;
    }

    public static AdaptiveCard Outcome(CommitmentResult result) => result.Outcome switch
    {
        CommitmentOutcome.Changed => StatusCards.Notice($"Action {ActionStatusNames.Label(result.Action!.Status)}", "Everyone who got the summary hears about it once."),
        CommitmentOutcome.Invalid => StatusCards.Problem("The action was not changed", result.Problem ?? "The change is not valid."),
        CommitmentOutcome.NotAllowed => StatusCards.NotAllowed("change this action"),
        _ => StatusCards.Stale(),
    };

    private static Container ActionLine(CommitmentAction action, OrgSnapshot org) => new()
    {
        Spacing = Spacing.Small,
        Items =
        [
            CardText.User(action.Title, CommitmentRules.MaxTitleLength),
            new TextBlock($"{CardText.Markdown(NameOf(org, action.OwnerId), 80)} · due {Day(action.Due)} · {ActionStatusNames.Label(action.Status)}") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None },
            .. action.Reason is { } reason ? [CardText.User("Dropped: " + reason, CommitmentRules.MaxReasonLength, subtle: true)] : Array.Empty<CardElement>(),
        ],
    };

    private static string NameOf(OrgSnapshot org, string personId) => org.FindById(personId)?.Name ?? "a former colleague";

    public static string Day(DateTimeOffset at) => at.ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
