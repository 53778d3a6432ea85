using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Org;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Planning;
using DialogueBot.SkipLevel.Programmes;
using DialogueBot.SkipLevel.Prompts;

namespace DialogueBot.SkipLevel.Cards;

public enum PairCardStage
{
    /// <summary>The first prompt, a week before the suggested week.</summary>
    Prompt,
    /// <summary>The reminder just before the week.</summary>
    Reminder,
    /// <summary>The other side changed something.</summary>
    Changed,
    /// <summary>The card after one's own action.</summary>
    Current,
}

/// <summary>Everything one side sees about a pair: who, why, when, the agenda, and what they can do.</summary>
public sealed record PairView(
    SkipLevelProgrammeEntity Programme,
    SkipLevelPairEntity Pair,
    string ViewerSide,
    OrgPerson? Leader,
    OrgPerson? Manager,
    Agenda Agenda,
    PairCardStage Stage,
    IReadOnlyList<DateOnly> OtherWeeks);

public static class PairCard
{
    public const string ConfirmVerb = "skiplevel.confirm";
    public const string RescheduleVerb = "skiplevel.reschedule";
    public const string DeclineVerb = "skiplevel.decline";
    public const string AgendaVerb = "skiplevel.agenda";
    public const string ParticipationVerb = "skiplevel.participation";

    public static AdaptiveCard Build(PairView view)
    {
        var pair = view.Pair;
        var isLeader = view.ViewerSide == PairSide.Leader;
        var other = isLeader ? view.Manager : view.Leader;
        var otherName = CardText.Markdown(other?.Name ?? "your skip-level partner", 80);
        var title = view.Stage switch
        {
            PairCardStage.Reminder => $"Reminder: your skip-level with {otherName} is next week",
            PairCardStage.Changed => $"{otherName} updated your skip-level",
            _ => $"Skip-level with {otherName}",
        };

        var body = new List<CardElement>
        {
            new TextBlock(title) { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading },
            new TextBlock(Why(view, otherName)) { Spacing = Spacing.Small },
            new FactSet
            {
                Facts =
                [
                    new Fact("Suggested week", WeekText(pair.WeekDate)),
                    new Fact("Length", $"{view.Programme.MeetingMinutes} minutes"),
                    new Fact("Status", StateText(pair, otherName, canProposeWeek: view.OtherWeeks.Count > 0)),
                ],
            },
        };

        if (pair.State == PairState.Declined && pair.DeclineReason is { Length: > 0 } reason)
        {
            body.Add(new TextBlock("Reason given") { Weight = FontWeight.Bolder, Spacing = Spacing.Medium });
            body.Add(CardText.User(reason, 500, italic: true));
        }

        body.Add(AgendaSection(view));
        body.Add(new TextBlock("Only the two of you see this card. HR sees whether the meeting happened, never what was said.") { IsSubtle = true, Size = FontSize.Small, Separator = true });

        return new AdaptiveCard
        {
            FallbackText = $"Skip-level with {other?.Name ?? "your partner"}, week of {pair.Week}",
            Body = body,
            // A closed pair keeps the way to resume (or pause) the next cycles.
            Actions = pair.IsOpen ? Actions(view) : ParticipationActions(view),
        };
    }

    public static string WeekText(DateOnly monday) => SkipLevelDates.WeekText(monday);

    private static string Why(PairView view, string otherName)
    {
        var programme = CardText.Markdown(view.Programme.Name, 100);
        var distance = view.Pair.Rule == PairingRule.TwoLevelsBelow ? "two levels" : "a few levels";
        return view.ViewerSide == PairSide.Leader
            ? $"{otherName} leads a team in {CardText.Markdown(view.Manager?.OrgUnit, 100)}, {distance} below you. Part of {programme}: hear directly what their team deals with."
            : $"{otherName} is the leader {distance} above you. Part of {programme}: a direct line to say what helps and what gets in your team's way.";
    }

    /// <param name="canProposeWeek">Whether the card offers "Propose another week" (the cycle has another week with room): the text offers it only then.</param>
    private static string StateText(SkipLevelPairEntity pair, string otherName, bool canProposeWeek) => pair.State switch
    {
        PairState.Confirmed when pair.ConfirmedBy.Contains(PairSide.Leader, StringComparison.Ordinal) && pair.ConfirmedBy.Contains(PairSide.Manager, StringComparison.Ordinal) => "Confirmed by both of you",
        PairState.Confirmed => "Confirmed by one of you",
        PairState.Rescheduled => canProposeWeek ? "A new week was proposed: confirm it or propose another" : "A new week was proposed: confirm it",
        PairState.Declined => "Declined",
        PairState.Done => "It happened",
        PairState.Missed => "It did not happen",
        _ => canProposeWeek ? $"Proposed: confirm with {otherName} or propose another week" : $"Proposed: confirm with {otherName}",
    };

    private static Container AgendaSection(PairView view)
    {
        var agenda = view.Agenda;
        var items = new List<CardElement> { new TextBlock("Suggested agenda") { Weight = FontWeight.Bolder, Size = FontSize.Medium } };
        if (agenda.Themes.Count > 0)
        {
            items.Add(new TextBlock($"From the latest pulse ({CardText.Markdown(agenda.Themes[0].Scope, 80)})") { Weight = FontWeight.Bolder, Spacing = Spacing.Small });
            foreach (var theme in agenda.Themes)
            {
                items.Add(CardText.User($"{theme.Question} — {theme.Summary}", 300));
            }
        }

        if (agenda.Questions.Count > 0)
        {
            items.Add(new TextBlock(view.ViewerSide == PairSide.Leader ? "Open town-hall questions from their area" : "Open town-hall questions from your area") { Weight = FontWeight.Bolder, Spacing = Spacing.Small });
            foreach (var question in agenda.Questions)
            {
                items.Add(CardText.User($"{question.Text} ({question.Votes} votes)", 300));
            }
        }

        if (agenda.LeaderItems.Count > 0)
        {
            items.Add(new TextBlock($"Added by {CardText.Markdown(view.Leader?.Name ?? "the leader", 80)}") { Weight = FontWeight.Bolder, Spacing = Spacing.Small });
            foreach (var item in agenda.LeaderItems)
            {
                items.Add(CardText.User(item, 300));
            }
        }

        items.Add(new TextBlock("Always worth asking") { Weight = FontWeight.Bolder, Spacing = Spacing.Small });
        foreach (var question in Agenda.StandingQuestions)
        {
            items.Add(new TextBlock("• " + question) { Spacing = Spacing.None });
        }

        return new Container { Id = "agenda", Style = ContainerStyle.Emphasis, Spacing = Spacing.Medium, Items = items };
    }

    private static List<CardAction> Actions(PairView view)
    {
        var pair = view.Pair;
        var (programmeId, cycle, pairId) = (pair.ProgrammeId, pair.Cycle, pair.PairId);
        var actions = new List<CardAction>();
        if (!pair.ConfirmedBy.Contains(view.ViewerSide, StringComparison.Ordinal))
        {
            actions.Add(new ExecuteAction("Confirm this week", ConfirmVerb, new ConfirmData(programmeId, cycle, pairId)) { Style = ActionStyle.Positive });
        }

        if (view.OtherWeeks.Count > 0)
        {
            actions.Add(new ShowCardAction("Propose another week", new NestedCard
            {
                Body =
                [
                    new InputChoiceSet
                    {
                        Id = "week",
                        Label = "Which week suits you?",
                        IsRequired = true,
                        ErrorMessage = "Pick a week.",
                        Choices = view.OtherWeeks.Select(w => new Choice(WeekText(w), SkipLevelProgrammeEntity.FormatDate(w))).ToList(),
                    },
                ],
                Actions = [new ExecuteAction("Propose", RescheduleVerb, new RescheduleData(programmeId, cycle, pairId))],
            }));
        }

        actions.Add(new ShowCardAction("Decline", new NestedCard
        {
            Body = [new InputText { Id = "reason", Label = $"Why? Only the two of you will see this.", IsRequired = true, ErrorMessage = "Say why, briefly.", IsMultiline = true, MaxLength = 500 }],
            Actions = [new ExecuteAction("Decline", DeclineVerb, new DeclineData(programmeId, cycle, pairId)) { Style = ActionStyle.Destructive }],
        }));

        actions.AddRange(ParticipationActions(view));

        if (view.ViewerSide == PairSide.Leader)
        {
            actions.Add(new ShowCardAction("Add agenda item", new NestedCard
            {
                Body = [new InputText { Id = "item", Label = "What would you like to talk about?", IsRequired = true, ErrorMessage = "Write the item.", MaxLength = 300 }],
                Actions = [new ExecuteAction("Add", AgendaVerb, new AgendaData(programmeId, cycle, pairId))],
            }));
        }

        return actions;
    }

    /// <summary>Taking part is the person's own choice, in the overflow: paused or opted out, they are left out of the next plans.</summary>
    private static List<CardAction> ParticipationActions(PairView view)
    {
        var pair = view.Pair;
        var (programmeId, cycle, pairId) = (pair.ProgrammeId, pair.Cycle, pair.PairId);
        var actions = new List<CardAction>();
        var viewer = view.Programme.ParticipationOf(pair.PersonOn(view.ViewerSide));
        if (viewer == Participation.Active)
        {
            actions.Add(new ExecuteAction("Pause my skip-levels", ParticipationVerb, new ParticipationData(programmeId, cycle, pairId, ParticipationChoice.Pause)) { Mode = ActionMode.Secondary });
            actions.Add(new ExecuteAction("Opt out of this programme", ParticipationVerb, new ParticipationData(programmeId, cycle, pairId, ParticipationChoice.OptOut)) { Mode = ActionMode.Secondary });
        }
        else
        {
            actions.Add(new ExecuteAction(viewer == Participation.Paused ? "Resume my skip-levels" : "Opt in again", ParticipationVerb, new ParticipationData(programmeId, cycle, pairId, ParticipationChoice.Resume)));
        }

        return actions;
    }
}
