using DialogueBot.Cards;
using DialogueBot.Org;

namespace DialogueBot.Consultation.Model;

/// <summary>A consultation as an executive drafts it (the API body, and the card form once parsed).</summary>
public sealed record ConsultationDraft
{
    /// <summary>The proposal or decision in a few plain words.</summary>
    public string? Title { get; init; }
    public string? Proposal { get; init; }
    /// <summary>The why: the context behind it.</summary>
    public string? Context { get; init; }
    public string? OptionsConsidered { get; init; }
    public string? Constraints { get; init; }
    public string? OpenToInput { get; init; }
    public string? NotOpenToInput { get; init; }
    public IReadOnlyList<string>? Units { get; init; }
    public IReadOnlyList<int>? Levels { get; init; }
    public DateTimeOffset? ClosesAt { get; init; }
}

/// <summary>A draft that passed every check: cleaned text, known units, a window in the future.</summary>
public sealed record ValidConsultation(
    string Title,
    string Proposal,
    string Context,
    string OptionsConsidered,
    string Constraints,
    string OpenToInput,
    string NotOpenToInput,
    ConsultationAudience Audience,
    DateTimeOffset ClosesAt);

/// <summary>The rules a draft must meet, each failure named by its field (as a 400 or on the form card).</summary>
public static class ConsultationDraftRules
{
    public const int MaxTitleLength = 120;
    public static readonly TimeSpan MinWindow = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(60);

    public static (ValidConsultation? Valid, Dictionary<string, string[]> Errors) Check(ConsultationDraft draft, OrgSnapshot org, DateTimeOffset now, int maxFieldLength)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string Text(string? value, string field, bool required, int max)
        {
            var clean = CardText.Clean(value, max + 1);
            if (required && clean.Length == 0)
            {
                errors[field] = [$"{field} is required."];
            }
            else if (clean.Length > max)
            {
                errors[field] = [$"{field} is limited to {max} characters."];
            }

            return clean;
        }

        var title = Text(draft.Title, "title", true, MaxTitleLength);
        var proposal = Text(draft.Proposal, "proposal", true, maxFieldLength);
        var context = Text(draft.Context, "context", true, maxFieldLength);
        var options = Text(draft.OptionsConsidered, "optionsConsidered", false, maxFieldLength);
        var constraints = Text(draft.Constraints, "constraints", false, maxFieldLength);
        var open = Text(draft.OpenToInput, "openToInput", true, maxFieldLength);
        var notOpen = Text(draft.NotOpenToInput, "notOpenToInput", false, maxFieldLength);

        var audience = AudienceOf(draft.Units, draft.Levels, org, errors);

        if (draft.ClosesAt is not { } closesAt || closesAt < now + MinWindow || closesAt > now + MaxWindow)
        {
            errors["closesAt"] = [$"closesAt (the end of the input window) must be between one hour and {MaxWindow.TotalDays:0} days from now."];
            closesAt = now;
        }

        if (errors.Count == 0 && audience.Resolve(org).Count == 0)
        {
            errors["units"] = ["No manager is in this audience: widen the units or levels."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new ValidConsultation(title, proposal, context, options, constraints, open, notOpen, audience, closesAt), errors);
    }

    /// <summary>The audience rule from requested units (matched to the org chart's spelling) and levels; problems go into <paramref name="errors"/>.</summary>
    public static ConsultationAudience AudienceOf(IReadOnlyList<string>? requestedUnits, IReadOnlyList<int>? requestedLevels, OrgSnapshot org, Dictionary<string, string[]> errors)
    {
        var units = new List<string>();
        foreach (var unit in (requestedUnits ?? []).Select(u => (u ?? "").Trim().Trim('/')).Where(u => u.Length > 0))
        {
            var known = org.Units.FirstOrDefault(u => string.Equals(u, unit, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                errors["units"] = [$"'{CardText.Clean(unit, 80)}' is not an org unit in the org chart."];
            }
            else if (!units.Contains(known, StringComparer.Ordinal))
            {
                units.Add(known);
            }
        }

        var levels = (requestedLevels ?? []).Distinct().Order().ToList();
        if (levels.Any(l => l is < 1 or > 20))
        {
            errors["levels"] = ["Levels are whole numbers from 1 (the top of the org chart) to 20."];
        }

        return new ConsultationAudience(units, levels);
    }
}
