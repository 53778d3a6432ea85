using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DialogueBot.Consultation.Model;

namespace DialogueBot.Consultation.Cards;

// One record per consultation verb: the card builder writes it as the action's data, the route reads it back
// with DataAs<T>(). Inputs the card merges in arrive as strings; optional ones may be absent or empty.

/// <summary>consult.brief, consult.board, consult.results, consult.end: the consultation only.</summary>
public sealed record ConsultationRef(string ConsultationId);

/// <summary>consult.rate: the two choice inputs "support" and "impact" (1–5).</summary>
public sealed record ConsultRateData(string ConsultationId, string? Support = null, string? Impact = null)
{
    public int? SupportValue => Number(Support);
    public int? ImpactValue => Number(Impact);

    internal static int? Number(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>consult.raise: the form's random submit id, and the inputs "kind", "text", "anonymous"; force = raise despite a similar item.</summary>
public sealed record ConsultRaiseData(string ConsultationId, string SubmitId, string? Kind = null, string? Text = null, bool? Anonymous = null, bool? Force = null)
{
    public ConcernKind KindValue => Enum.TryParse<ConcernKind>(Kind, ignoreCase: true, out var kind) ? kind : ConcernKind.Concern;
}

/// <summary>consult.vote: upvote (on) or take the vote back.</summary>
public sealed record ConsultVoteData(string ConsultationId, string ConcernId, bool On);

/// <summary>consult.volunteer: offer to join a roundtable (on) or withdraw the offer.</summary>
public sealed record ConsultVolunteerData(string ConsultationId, bool On);

/// <summary>consult.answer: the item, and its answer input "answer_&lt;item id&gt;" (one per item on the board).</summary>
public sealed record ConsultAnswerData(string ConsultationId, string ConcernId)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Inputs { get; init; }

    public static string InputId(string concernId) => "answer_" + concernId;

    public string? Answer => Inputs?.TryGetValue(InputId(ConcernId), out var value) == true && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>consult.merge: merge the source item into the target.</summary>
public sealed record ConsultMergeData(string ConsultationId, string SourceId, string TargetId);

/// <summary>consult.decide: the inputs "outcome", "whatChanged", "talkingPoints", "announcementDate" (yyyy-MM-dd) and "announcementHour" (UTC).</summary>
public sealed record ConsultDecideData(string ConsultationId, string? Outcome = null, string? WhatChanged = null, string? TalkingPoints = null, string? AnnouncementDate = null, string? AnnouncementHour = null)
{
    public ConsultationOutcome? OutcomeValue => Enum.TryParse<ConsultationOutcome>(Outcome, ignoreCase: true, out var o) && Enum.IsDefined(o) ? o : null;

    public DateTimeOffset? AnnouncementAt =>
        DateOnly.TryParseExact(AnnouncementDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(new TimeOnly(Math.Clamp(ConsultRateData.Number(AnnouncementHour) ?? 9, 0, 23), 0)), TimeSpan.Zero)
            : null;
}

/// <summary>consult.create: the draft form's inputs; "units" and "levels" are comma-separated choices, "closesOn" a date.</summary>
public sealed record ConsultCreateData(
    string? Title = null,
    string? Proposal = null,
    string? Context = null,
    string? OptionsConsidered = null,
    string? Constraints = null,
    string? OpenToInput = null,
    string? NotOpenToInput = null,
    string? Units = null,
    string? Levels = null,
    string? ClosesOn = null)
{
    public ConsultationDraft ToDraft() => new()
    {
        Title = Title,
        Proposal = Proposal,
        Context = Context,
        OptionsConsidered = OptionsConsidered,
        Constraints = Constraints,
        OpenToInput = OpenToInput,
        NotOpenToInput = NotOpenToInput,
        Units = Split(Units),
        Levels = Split(Levels).Select(ConsultRateData.Number).Select(l => l ?? 0).ToList(),
        // The window ends at the end of the chosen day (UTC).
        ClosesAt = DateOnly.TryParseExact(ClosesOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59)), TimeSpan.Zero)
            : null,
    };

    private static List<string> Split(string? text) => (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
