using DialogueBot.Org;
using DialogueBot.Pulse.Definitions;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Runs;

namespace DialogueBot.Pulse.Lifecycle;

/// <summary>
/// What asking for a pulse came to: the problems by field (for ValidationProblem and the form card), the audience
/// size when it could be counted, and the pulse and its first run once created.
/// </summary>
public sealed record PulseCreation(IReadOnlyDictionary<string, string[]> Errors, int? Audience, PulseDefinition? Definition = null, PulseRun? Run = null)
{
    /// <summary>The questions as they will be asked, once the draft's questions are valid (the form's preview).</summary>
    public IReadOnlyList<PulseQuestion> Questions { get; init; } = [];

    public bool IsValid => Errors.Count == 0;

    public bool Created => Definition is not null && Run is not null;
}

/// <summary>The fields of the Teams form (the typed data of pulse.preview and pulse.create).</summary>
/// <param name="Own1">Up to three questions of the creator's own, each a statement rated from "strongly disagree" to "strongly agree".</param>
public sealed record PulseFormData(string? Title = null, string? Template = null, string? Unit = null, bool ManagersOnly = true, double? Days = null, string? Own1 = null, string? Own2 = null, string? Own3 = null)
{
    /// <summary>The choice value for "whole organisation" (the renderer refuses an empty value).</summary>
    public const string EveryoneUnit = "*";

    /// <summary>The question-set choice for "only my own questions".</summary>
    public const string OwnOnly = "own";

    public IEnumerable<string> OwnQuestions => new[] { Own1, Own2, Own3 }.Where(q => !string.IsNullOrWhiteSpace(q)).Select(q => q!.Trim());
}

/// <summary>
/// Every rule of creating a pulse, in one place for the API and the Teams form alike: the draft's own checks
/// (<see cref="PulseDraftValidator"/>), then the audience, which must hold at least k people or no result could
/// ever be shown. Pure, so it is tested without a host.
/// </summary>
public static class PulseCreationRules
{
    public const int MinFormDays = 1;
    public const int MaxFormDays = 30;

    public static (ValidPulse? Pulse, PulseCreation Check) Check(PulseDraft draft, OrgSnapshot org, DateTimeOffset now, int k, IReadOnlyDictionary<string, string[]>? moreErrors = null)
    {
        var (valid, draftErrors) = PulseDraftValidator.Validate(draft, now, org.Units);
        var errors = new Dictionary<string, string[]>(draftErrors, StringComparer.Ordinal);
        foreach (var (field, messages) in moreErrors ?? new Dictionary<string, string[]>())
        {
            errors[field] = messages;
        }

        var audience = valid is null ? (int?)null : AudienceResolver.Resolve(org, valid.Audience).Count;
        if (audience is { } n && n < k)
        {
            errors["audience"] = [$"This audience has {n} people: below {k}, no result could ever be shown. Choose a wider group."];
        }

        var questions = valid?.Questions ?? [];
        return errors.Count == 0 ? (valid, new PulseCreation(errors, audience) { Questions = questions }) : (null, new PulseCreation(errors, audience) { Questions = questions });
    }

    /// <summary>The form as a draft: a ready-made question set, one unit (or everyone), open for whole days from now.</summary>
    public static (PulseDraft Draft, IReadOnlyDictionary<string, string[]> Errors) FromForm(PulseFormData form, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var template = PulseTemplates.Find(form.Template);
        var own = form.OwnQuestions.Select(text => new QuestionDraft(nameof(QuestionKind.Rating), text)).ToList();
        if (template is null && (form.Template != PulseFormData.OwnOnly || own.Count == 0))
        {
            errors["template"] = [form.Template == PulseFormData.OwnOnly ? "Write at least one question of your own." : "Pick a question set."];
        }

        var days = form.Days is { } d && double.IsFinite(d) ? d : 0;
        if (!(days is >= MinFormDays and <= MaxFormDays))
        {
            errors["days"] = [$"A pulse stays open {MinFormDays} to {MaxFormDays} days."];
        }

        var draft = new PulseDraft
        {
            Title = form.Title,
            Questions = [.. template?.Questions.Select(QuestionDraft.Of) ?? [], .. own],
            Audience = new AudienceDraft(form.Unit is { Length: > 0 } unit && unit != PulseFormData.EveryoneUnit ? [unit] : [], [], form.ManagersOnly),
            OpensAt = now,
            ClosesAt = days is >= MinFormDays and <= MaxFormDays ? now.AddDays(Math.Round(days)) : null,
        };
        return (draft, errors);
    }
}
