using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Consultation.Concerns;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Consultation.Model;
using static DialogueBot.Consultation.Cards.ConsultationCardParts;

namespace DialogueBot.Consultation.Cards;

/// <summary>What a consulted manager works with, in their 1:1 chat: the brief, then their rating, an item to raise, a roundtable offer.</summary>
public sealed record BriefCardState(bool Open, bool Rated, bool Volunteered, bool OffersAnonymity, int MinimumGroupSize)
{
    public string? Message { get; init; }
    public bool MessageIsProblem { get; init; }
    /// <summary>A similar item found when raising: shown with "upvote it" and "raise anyway".</summary>
    public ConcernEntity? Duplicate { get; init; }
}

public static class BriefCard
{
    public static AdaptiveCard Build(ConsultationRecord consultation, BriefCardState state)
    {
        var brief = consultation.Brief;
        var body = new List<CardElement>
        {
            Kicker(state.Open ? $"Consultation · your input is welcome until {Day(consultation.ClosesAt)}" : "Consultation · input closed"),
            Title(consultation),
        };
        body.AddRange(Notice(state.Message, state.MessageIsProblem));
        if (state.Duplicate is { } duplicate)
        {
            body.Add(new Container
            {
                Style = ContainerStyle.Emphasis,
                Items = [new TextBlock($"#{duplicate.Number} · {duplicate.Votes} votes") { Weight = FontWeight.Bolder }, CardText.User(duplicate.Text, 600)],
            });
            body.Add(new ActionSet { Actions = [new ExecuteAction($"Upvote #{duplicate.Number}", VoteVerb, new ConsultVoteData(consultation.Id, duplicate.Id, true))] });
        }

        body.AddRange(Section("The proposal", brief.Proposal));
        body.AddRange(Section("Why", brief.Context));
        body.AddRange(Section("Options considered", brief.OptionsConsidered));
        body.AddRange(Section("Constraints", brief.Constraints));
        body.AddRange(Section("Open to your input", brief.OpenToInput));
        body.AddRange(Section("Not open to input", brief.NotOpenToInput));

        if (state.Open)
        {
            body.AddRange(RatingInputs(consultation, state));
            body.AddRange(RaiseInputs(consultation, state));
        }

        var actions = new List<CardAction> { new ExecuteAction("See the concern board", BoardVerb, new ConsultationRef(consultation.Id)) };
        if (state.Open)
        {
            actions.Add(state.Volunteered
                ? new ExecuteAction("Withdraw my roundtable offer", VolunteerVerb, new ConsultVolunteerData(consultation.Id, false))
                : new ExecuteAction("Offer to join a roundtable (named)", VolunteerVerb, new ConsultVolunteerData(consultation.Id, true)));
        }

        return new AdaptiveCard { FallbackText = $"Consultation: {consultation.Title}", Body = body, Actions = actions };
    }

    private static IEnumerable<CardElement> RatingInputs(ConsultationRecord consultation, BriefCardState state)
    {
        yield return new TextBlock("Your rating") { Weight = FontWeight.Bolder, Size = FontSize.Medium, Spacing = Spacing.Large, Separator = true };
        if (state.Rated)
        {
            yield return new TextBlock("You have rated this proposal. Ratings are shown to the executive only for groups of " + state.MinimumGroupSize + " or more, after the window closes.") { IsSubtle = true };
            yield break;
        }

        yield return new InputChoiceSet
        {
            Id = "support",
            Label = "How much do you support the proposal?",
            Style = ChoiceInputStyle.Expanded,
            Choices = RatingScales.Support.Select((t, i) => new Choice($"{i + 1} · {t}", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList(),
        };
        yield return new InputChoiceSet
        {
            Id = "impact",
            Label = "What impact do you expect on your team?",
            Style = ChoiceInputStyle.Expanded,
            Choices = RatingScales.Impact.Select((t, i) => new Choice($"{i + 1} · {t}", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList(),
        };
        yield return new ActionSet { Actions = [new ExecuteAction("Send my rating anonymously", RateVerb, new ConsultRateData(consultation.Id)) { Style = ActionStyle.Positive }] };
    }

    private static IEnumerable<CardElement> RaiseInputs(ConsultationRecord consultation, BriefCardState state)
    {
        yield return new TextBlock("Raise a concern, an idea or a question") { Weight = FontWeight.Bolder, Size = FontSize.Medium, Spacing = Spacing.Large, Separator = true };
        yield return new InputChoiceSet
        {
            Id = "kind",
            Label = "What is it?",
            Style = ChoiceInputStyle.Compact,
            Value = "concern",
            Choices = Enum.GetValues<ConcernKind>().Select(k => new Choice(k.Describe(), k.ToString().ToLowerInvariant())).ToList(),
        };
        yield return new InputText { Id = "text", Label = "In your words", IsMultiline = true, MaxLength = 600, Placeholder = "Everyone consulted sees it on the board and can upvote it." };
        if (state.OffersAnonymity)
        {
            yield return new InputToggle { Id = "anonymous", Title = "Without my name (nothing that identifies me is stored)", Value = "true", ValueOn = "true", ValueOff = "false", Wrap = true };
        }
        else
        {
            yield return new TextBlock($"Items here carry your name: fewer than {state.MinimumGroupSize} managers are consulted, too few to stay anonymous among.") { IsSubtle = true, Size = FontSize.Small };
        }

        var submitId = Guid.NewGuid().ToString("N");
        var raise = new List<CardAction> { new ExecuteAction("Raise it", RaiseVerb, new ConsultRaiseData(consultation.Id, submitId)) };
        if (state.Duplicate is not null)
        {
            raise.Add(new ExecuteAction("Raise mine anyway", RaiseVerb, new ConsultRaiseData(consultation.Id, submitId, Force: true)));
        }

        yield return new ActionSet { Actions = raise };
    }
}
