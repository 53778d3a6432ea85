using System.Globalization;
using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Runs;

namespace DialogueBot.Pulse.Cards;

/// <summary>The pulse as a person answers it: one input per question, answered in place with Action.Execute.</summary>
public static class PulseQuestionCard
{
    public const string AnswerVerb = "pulse.answer";

    /// <summary>The card's automatic refresh: Teams asks for the current card whenever it shows this one again.</summary>
    public const string RefreshVerb = "pulse.refresh";

    /// <summary>Bumped when the card's inputs change meaning, so an older card is answered as stale.</summary>
    public const int Version = 1;

    private static readonly string[] RatingLabels = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"];

    /// <param name="minimumGroupSize">The configured threshold k, as the card states it.</param>
    /// <param name="time">How the recipient reads dates (their zone and language); UTC when unknown.</param>
    public static AdaptiveCard Build(PulseDefinition definition, PulseRun run, int minimumGroupSize, IReadOnlyDictionary<string, string>? values = null, IReadOnlyDictionary<string, string>? errors = null, bool reminder = false, PersonTime? time = null)
    {
        var body = new List<CardElement>();
        if (reminder)
        {
            body.Add(new TextBlock("Reminder: this pulse closes soon") { Color = TextColor.Accent, Weight = FontWeight.Bolder, Size = FontSize.Small });
        }

        body.Add(new TextBlock(CardText.Markdown(definition.Title, 120)) { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading });
        body.Add(new TextBlock($"Anonymous pulse · closes {(time ?? PersonTime.Utc).Day(run.ClosesAt)} · results of groups under {minimumGroupSize} are never shown") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None });
        if (errors is { Count: > 0 })
        {
            body.Add(new Container
            {
                Style = ContainerStyle.Attention,
                Items = [new TextBlock("Please check your answers") { Weight = FontWeight.Bolder }, .. errors.Select(e => new TextBlock(e.Value) { Size = FontSize.Small })],
            });
        }

        foreach (var question in definition.Questions)
        {
            var value = values?.GetValueOrDefault(question.Id);
            var label = CardText.Clean(question.Text, PulseQuestion.MaxQuestionLength) + (question.Required ? "" : " (optional)");
            CardInput input = question.Kind switch
            {
                QuestionKind.Rating => new InputChoiceSet
                {
                    Style = ChoiceInputStyle.Expanded,
                    Choices = RatingLabels.Select((t, i) => new Choice($"{i + 1} · {t}", (i + 1).ToString(CultureInfo.InvariantCulture))).ToList(),
                    Value = value,
                },
                QuestionKind.Enps => new InputChoiceSet
                {
                    Style = ChoiceInputStyle.Compact,
                    Placeholder = "0 = not at all likely, 10 = extremely likely",
                    Choices = Enumerable.Range(0, 11).Select(i => new Choice(i.ToString(CultureInfo.InvariantCulture), i.ToString(CultureInfo.InvariantCulture))).ToList(),
                    Value = value,
                },
                QuestionKind.SingleChoice or QuestionKind.MultiChoice => new InputChoiceSet
                {
                    Style = ChoiceInputStyle.Expanded,
                    IsMultiSelect = question.Kind == QuestionKind.MultiChoice ? true : null,
                    Choices = question.ChoiceList.Select((c, i) => new Choice(CardText.Clean(c, PulseQuestion.MaxChoiceLength), i.ToString(CultureInfo.InvariantCulture))).ToList(),
                    Value = value?.Replace(';', ','),
                    Wrap = true,
                },
                _ => new InputText { IsMultiline = true, MaxLength = PulseQuestion.MaxTextLength, Placeholder = $"Your words are shown only within groups of {minimumGroupSize} or more, never with a date.", Value = value },
            };
            input.Id = question.Id;
            input.Label = label;
            input.IsRequired = question.Required ? true : null;
            input.ErrorMessage = question.Required ? "This question needs an answer." : null;
            input.Spacing = Spacing.Medium;
            body.Add(input);
        }

        if (definition.Questions.Any(q => q.Kind == QuestionKind.Text))
        {
            var toggle = Answering.ReplyOptIn.Toggle();
            toggle.Value = values?.GetValueOrDefault(Answering.ReplyOptIn.InputId) == "true" ? "true" : "false";
            body.Add(toggle);
        }

        return new AdaptiveCard
        {
            FallbackText = $"Pulse: {definition.Title}",
            Body = body,
            Actions = [new ExecuteAction("Send anonymously", AnswerVerb, new PulseAnswerData(run.Id, Version)) { Style = ActionStyle.Positive }],

            // So a card left unanswered turns into "closed" or "already answered" (say, answered on the reminder)
            // instead of inviting a press that can no longer count. Not on a card showing errors: a refresh
            // would wipe what the person typed.
            Refresh = errors is { Count: > 0 } ? null : new Refresh(new ExecuteAction("Refresh", RefreshVerb, new PulseRefreshData(run.Id, Version, reminder ? 1 : null))),
        };
    }
}
