using System.Globalization;
using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Runs;

namespace DialogueBot.Pulse.Cards;

/// <summary>The Teams form for HR and executives: a title, a question set, an audience, how many days it stays open.</summary>
public static class PulseFormCard
{
    public const string CreateVerb = "pulse.create";
    public const string PreviewVerb = "pulse.preview";
    public const string FormVerb = "pulse.form";

    /// <summary>The choice value for "whole organisation" (the renderer refuses an empty value).</summary>
    public const string EveryoneUnit = PulseFormData.EveryoneUnit;

    public static AdaptiveCard Build(IReadOnlyList<string> units, int minimumGroupSize, IReadOnlyDictionary<string, string>? values = null, IReadOnlyDictionary<string, string[]>? errors = null, int? preview = null, IReadOnlyList<PulseQuestion>? questions = null)
    {
        string? V(string key) => values?.GetValueOrDefault(key);
        var body = new List<CardElement>
        {
            new TextBlock("New pulse") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading },
            new TextBlock($"Answers are anonymous; results open at close, for groups of {minimumGroupSize} or more.") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None },
        };
        if (errors is { Count: > 0 })
        {
            body.Add(new Container { Style = ContainerStyle.Attention, Items = errors.SelectMany(e => e.Value).Select(m => (CardElement)new TextBlock(CardText.Markdown(m, 200)) { Size = FontSize.Small }).ToList() });
        }

        if (preview is { } count)
        {
            body.Add(new TextBlock($"This audience is {count} people right now.") { Color = TextColor.Accent, Weight = FontWeight.Bolder });
        }

        if (questions is { Count: > 0 })
        {
            body.Add(new Container
            {
                Style = ContainerStyle.Emphasis,
                Items =
                [
                    new TextBlock("Preview: the questions as they will be asked") { Weight = FontWeight.Bolder },
                    .. questions.Select((q, i) => (CardElement)new TextBlock($"{i + 1}. {CardText.Markdown(q.Text, 300)} ({KindName(q.Kind)})") { Size = FontSize.Small, Spacing = Spacing.None }),
                ],
            });
        }

        body.Add(new InputText { Id = "title", Label = "Title", IsRequired = true, ErrorMessage = "Give the pulse a title.", MaxLength = PulseDraftValidator.MaxTitleLength, Value = V("title") });
        body.Add(new InputChoiceSet
        {
            Id = "template",
            Label = "Questions",
            IsRequired = true,
            ErrorMessage = "Pick a question set.",
            Choices = [.. PulseTemplates.All.Select(t => new Choice($"{t.Title} ({t.Questions.Count} questions)", t.Id)), new Choice("Only my own questions", PulseFormData.OwnOnly)],
            Value = V("template") ?? PulseTemplates.All[0].Id,
        });
        for (var i = 1; i <= 3; i++)
        {
            body.Add(new InputText
            {
                Id = $"own{i}",
                Label = i == 1 ? "Your own questions (optional): statements rated from strongly disagree to strongly agree" : null,
                Placeholder = i == 1 ? "e.g. I know what is expected of my team this quarter." : "Another statement",
                MaxLength = PulseQuestion.MaxQuestionLength,
                Value = V($"own{i}"),
            });
        }
        body.Add(new InputChoiceSet
        {
            Id = "unit",
            Label = "Audience: org unit",
            Choices = [new Choice("Whole organisation", EveryoneUnit), .. units.Take(90).Select(u => new Choice(CardText.Clean(u, 100), u))],
            Value = string.IsNullOrEmpty(V("unit")) ? EveryoneUnit : V("unit"),
        });
        body.Add(new InputToggle { Id = "managersOnly", Title = "Managers only", Value = V("managersOnly") ?? "true", ValueOn = "true", ValueOff = "false" });
        body.Add(new InputNumber { Id = "days", Label = "Open for (days)", Min = 1, Max = 30, Value = double.TryParse(V("days"), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 5, IsRequired = true, ErrorMessage = "1 to 30 days." });

        return new AdaptiveCard
        {
            FallbackText = "New pulse",
            Body = body,
            Actions =
            [
                new ExecuteAction("Preview", PreviewVerb),
                new ExecuteAction("Send pulse", CreateVerb) { Style = ActionStyle.Positive },
            ],
        };
    }

    /// <summary>The form again after a preview or a refused create: what was entered, the problems, the audience count.</summary>
    public static AdaptiveCard Build(IReadOnlyList<string> units, int minimumGroupSize, PulseFormData form, PulseCreation check) =>
        Build(units, minimumGroupSize, ValuesOf(form), check.IsValid ? null : check.Errors, check.Audience, check.Questions);

    private static string KindName(QuestionKind kind) => kind switch
    {
        QuestionKind.Rating => "strongly disagree to strongly agree",
        QuestionKind.Enps => "0 to 10",
        QuestionKind.SingleChoice => "pick one",
        QuestionKind.MultiChoice => "pick any",
        _ => "free text",
    };

    private static Dictionary<string, string> ValuesOf(PulseFormData form)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["managersOnly"] = form.ManagersOnly ? "true" : "false" };
        foreach (var (key, value) in new[] { ("title", form.Title), ("template", form.Template), ("unit", form.Unit), ("days", form.Days?.ToString(CultureInfo.InvariantCulture)), ("own1", form.Own1), ("own2", form.Own2), ("own3", form.Own3) })
        {
            if (value is not null)
            {
                values[key] = CardText.Clean(value, 200);
            }
        }

        return values;
    }

    public static AdaptiveCard Created(PulseDefinition definition, PulseRun run, int audience, PersonTime? time = null) => new()
    {
        FallbackText = $"Pulse scheduled: {definition.Title}",
        Body =
        [
            new TextBlock("Pulse on its way") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading, Color = TextColor.Good },
            new FactSet
            {
                Facts =
                [
                    new Fact("Title", CardText.Markdown(definition.Title, 120)),
                    new Fact("Audience", $"{audience} people · {CardText.Markdown(definition.Audience.Describe(), 200)}"),
                    new Fact("Questions", definition.Questions.Count.ToString(CultureInfo.InvariantCulture)),
                    new Fact("Closes", (time ?? PersonTime.Utc).DayAndTime(run.ClosesAt)),
                ],
            },
            new TextBlock("Results open when it closes. Type **results** to see them.") { IsSubtle = true, Size = FontSize.Small },
        ],
    };
}
