using DialogueBot.Consultation.Model;

namespace DialogueBot.Consultation.Consultations;

/// <summary>
/// One consultation as the rules see it. Status changes are methods that refuse what is not allowed (they
/// return null), so a retried or racing change is a no-op instead of a second transition.
/// </summary>
public sealed record ConsultationRecord
{
    public required string Id { get; init; }
    public required string OwnerPersonId { get; init; }
    public required ValidConsultation Brief { get; init; }
    public required DateTimeOffset OpensAt { get; init; }
    public ConsultationStatus Status { get; init; } = ConsultationStatus.Open;
    public int AudienceCount { get; init; }
    public int ConcernCount { get; init; }

    /// <summary>When the input window actually ended (at its planned end, or earlier by the executive).</summary>
    public DateTimeOffset? EndedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public ConsultationOutcome? Outcome { get; init; }
    public string WhatChanged { get; init; } = "";
    public string TalkingPoints { get; init; } = "";
    public DateTimeOffset? AnnouncementAt { get; init; }

    public string Title => Brief.Title;
    public DateTimeOffset ClosesAt => Brief.ClosesAt;

    public bool TakesInputAt(DateTimeOffset now) => Status == ConsultationStatus.Open && now >= OpensAt && now < ClosesAt;

    /// <summary>Stops taking input (idempotent for a window already ending).</summary>
    public ConsultationRecord? EndWindow(DateTimeOffset now) =>
        Status == ConsultationStatus.Open ? this with { Status = ConsultationStatus.Closing, EndedAt = now } : null;

    /// <summary>Ratings are counted: results may be read.</summary>
    public ConsultationRecord? Publish(DateTimeOffset now) =>
        Status == ConsultationStatus.Closing ? this with { Status = ConsultationStatus.Reviewing, PublishedAt = now } : null;

    public ConsultationRecord? Decide(ConsultationOutcome outcome, string whatChanged, string talkingPoints, DateTimeOffset announcementAt, DateTimeOffset now) =>
        Status == ConsultationStatus.Reviewing
            ? this with { Status = ConsultationStatus.Decided, Outcome = outcome, WhatChanged = whatChanged, TalkingPoints = talkingPoints, AnnouncementAt = announcementAt, DecidedAt = now }
            : null;

    public ConsultationRecord TakeNumber() => this with { ConcernCount = ConcernCount + 1 };
}
