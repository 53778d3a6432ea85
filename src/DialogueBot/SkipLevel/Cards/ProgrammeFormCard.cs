using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;

namespace DialogueBot.SkipLevel.Cards;

/// <summary>The values of the "new skip-level programme" form, as typed (kept when the form comes back with errors).</summary>
public sealed record ProgrammeFormValues(
    string? Name = null,
    string? ScopeUnits = null,
    string? Leaders = "executives",
    string? CadenceWeeks = "6",
    string? MeetingMinutes = "30",
    string? StartDate = null,
    string? EndDate = null,
    string? PerWeekCap = "2",
    string? TimeZone = null);

/// <summary>HR's form for a new programme. The same validation as the API; errors are listed at the top.</summary>
public static class ProgrammeFormCard
{
    public const string OpenVerb = "skiplevel.form";
    public const string CreateVerb = "skiplevel.create";

    public static AdaptiveCard Build(ProgrammeFormValues values, IReadOnlyList<string> units, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var body = new List<CardElement>
        {
            new TextBlock("New skip-level programme") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading },
            new TextBlock("Each manager meets the leader two levels above them once per cycle. You will see every pair and week before anything is sent.") { IsSubtle = true, Spacing = Spacing.None },
        };

        if (errors is { Count: > 0 })
        {
            body.Add(new Container
            {
                Style = ContainerStyle.Attention,
                Items = errors.SelectMany(e => e.Value.Select(m => (CardElement)new TextBlock($"{e.Key}: {CardText.Markdown(m, 200)}") { Spacing = Spacing.None })).ToList(),
            });
        }

        body.Add(new InputText { Id = "name", Label = "Name", IsRequired = true, ErrorMessage = "Give the programme a name.", MaxLength = 100, Value = values.Name, Placeholder = "e.g. Spring skip-levels" });
        body.Add(new InputChoiceSet
        {
            Id = "scopeUnits",
            Label = "Org units (none: the whole organisation)",
            IsMultiSelect = true,
            Style = ChoiceInputStyle.Compact,
            Value = values.ScopeUnits,
            Choices = units.Take(200).Select(u => new Choice(u, u)).ToList(),
        });
        body.Add(new InputChoiceSet
        {
            Id = "leaders",
            Label = "Who leads",
            IsMultiSelect = true,
            IsRequired = true,
            ErrorMessage = "Pick who leads.",
            Value = values.Leaders,
            Choices = [new Choice("Executives", "executives"), new Choice("Level 2", "2"), new Choice("Level 3 (directors)", "3"), new Choice("Level 4", "4")],
        });
        body.Add(new InputNumber { Id = "cadenceWeeks", Label = "Every how many weeks", Min = 1, Max = 26, Value = Number(values.CadenceWeeks), IsRequired = true, ErrorMessage = "1 to 26 weeks." });
        body.Add(new InputNumber { Id = "meetingMinutes", Label = "Meeting length (minutes)", Min = 15, Max = 120, Value = Number(values.MeetingMinutes), IsRequired = true, ErrorMessage = "15 to 120 minutes." });
        body.Add(new InputDate { Id = "startDate", Label = "First week starts", IsRequired = true, ErrorMessage = "Pick a start date.", Value = values.StartDate });
        body.Add(new InputDate { Id = "endDate", Label = "Programme ends", IsRequired = true, ErrorMessage = "Pick an end date.", Value = values.EndDate });
        body.Add(new InputNumber { Id = "perWeekCap", Label = "At most this many meetings a week per leader", Min = 1, Max = 20, Value = Number(values.PerWeekCap), IsRequired = true, ErrorMessage = "1 to 20." });
        body.Add(new InputText { Id = "timeZone", Label = "Time zone for prompts (empty: the organisation's)", Placeholder = "Europe/London", Value = values.TimeZone, MaxLength = 64 });

        return new AdaptiveCard
        {
            FallbackText = "New skip-level programme",
            Body = body,
            Actions = [new ExecuteAction("Preview pairs", CreateVerb) { Style = ActionStyle.Positive }],
        };
    }

    private static double? Number(string? text) => double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
