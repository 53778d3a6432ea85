using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Consultation.Consultations;
using static DialogueBot.Consultation.Cards.ConsultationCardParts;

namespace DialogueBot.Consultation.Cards;

/// <summary>An executive drafts a consultation in chat: the proposal, the why, what is open to input, the audience and the window.</summary>
public static class DraftFormCard
{
    public static AdaptiveCard Build(IReadOnlyList<string> units, ConsultCreateData? values = null, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        string? Error(string field) => errors?.TryGetValue(field, out var e) == true ? string.Join(" ", e) : null;
        InputText Text(string id, string label, string? value, bool multiline = true, int max = 2000) =>
            new() { Id = id, Label = label, Value = value, IsMultiline = multiline ? true : null, MaxLength = max, ErrorMessage = Error(id) };

        var body = new List<CardElement>
        {
            Kicker("Consultation · test a decision with your managers before it ships"),
            new TextBlock("New consultation") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading },
        };
        if (errors is { Count: > 0 })
        {
            body.Add(new Container { Style = ContainerStyle.Attention, Items = errors.Values.SelectMany(v => v).Select(e => (CardElement)new TextBlock(CardText.Markdown(e, 300))).ToList() });
        }

        body.Add(Text("title", "The proposal in a few plain words", values?.Title, multiline: false, max: 120));
        body.Add(Text("proposal", "What you propose or have decided", values?.Proposal));
        body.Add(Text("context", "Why: the context behind it", values?.Context));
        body.Add(Text("optionsConsidered", "Options you considered (optional)", values?.OptionsConsidered));
        body.Add(Text("constraints", "Constraints (optional)", values?.Constraints));
        body.Add(Text("openToInput", "What is open to their input", values?.OpenToInput));
        body.Add(Text("notOpenToInput", "What is not open to input (optional)", values?.NotOpenToInput));
        body.Add(new InputChoiceSet
        {
            Id = "units",
            Label = "Audience: managers in these units (none = everyone)",
            IsMultiSelect = true,
            Style = ChoiceInputStyle.Compact,
            Value = values?.Units,
            Choices = units.Select(u => new Choice(CardText.Clean(u, 80), u)).ToList(),
            ErrorMessage = Error("units"),
        });
        body.Add(new InputText { Id = "levels", Label = "Only these levels, comma-separated (optional; 1 is the top)", Value = values?.Levels, MaxLength = 40, ErrorMessage = Error("levels") });
        body.Add(new InputDate { Id = "closesOn", Label = "Input window ends on", Value = values?.ClosesOn, ErrorMessage = Error("closesAt") });

        return new AdaptiveCard
        {
            FallbackText = "New consultation",
            Body = body,
            Actions = [new ExecuteAction("Send the brief to the audience", CreateVerb, new ConsultCreateData()) { Style = ActionStyle.Positive }],
        };
    }

    /// <summary>The list the "consult" command answers with: consultations the caller may open, and "new" for executives.</summary>
    public static AdaptiveCard List(IReadOnlyList<ConsultationRecord> consultations, Func<ConsultationRecord, bool> canManage, bool canDraft)
    {
        var body = new List<CardElement> { new TextBlock("Consultations") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading } };
        if (consultations.Count == 0)
        {
            body.Add(new TextBlock(canDraft ? "None yet. Start one to test a decision with your managers before it ships." : "No consultation is open for you right now.") { IsSubtle = true });
        }

        foreach (var c in consultations.Take(8))
        {
            body.Add(new Container
            {
                Separator = true,
                Items =
                [
                    new TextBlock(CardText.Markdown(c.Title, 120)) { Weight = FontWeight.Bolder },
                    new TextBlock($"{c.Status.ToString().ToLowerInvariant()} · input until {Day(c.ClosesAt)}") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None },
                    new ActionSet { Actions = [canManage(c) ? new ExecuteAction("Manage", ResultsVerb, new ConsultationRef(c.Id)) : new ExecuteAction("Open the brief", BriefVerb, new ConsultationRef(c.Id))] },
                ],
            });
        }

        return new AdaptiveCard { FallbackText = "Consultations", Body = body, Actions = canDraft ? [new ExecuteAction("New consultation", FormVerb)] : null };
    }
}
