using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DialogueBot.Consultation.Model;

namespace DialogueBot.Consultation.Consultations;

/// <summary>A consultation row: the brief, the audience rule, the window and the outcome. The owner's org-chart id is the only person in it.</summary>
public sealed class ConsultationEntity : ITableEntity
{
    public const string Partition = "consultation";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string OwnerPersonId { get; set; } = "";
    public string Title { get; set; } = "";
    public string Proposal { get; set; } = "";
    public string Context { get; set; } = "";
    public string OptionsConsidered { get; set; } = "";
    public string Constraints { get; set; } = "";
    public string OpenToInput { get; set; } = "";
    public string NotOpenToInput { get; set; } = "";
    public string AudienceUnits { get; set; } = "[]";
    public string AudienceLevels { get; set; } = "[]";
    public int AudienceCount { get; set; }
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public string Status { get; set; } = "open";
    public int ConcernCount { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string Outcome { get; set; } = "";
    public string WhatChanged { get; set; } = "";
    public string TalkingPoints { get; set; } = "";
    public DateTimeOffset? AnnouncementAt { get; set; }

    public ConsultationRecord ToDomain() => new()
    {
        Id = RowKey,
        OwnerPersonId = OwnerPersonId,
        Brief = new ValidConsultation(Title, Proposal, Context, OptionsConsidered, Constraints, OpenToInput, NotOpenToInput,
            new ConsultationAudience(JsonSerializer.Deserialize<List<string>>(AudienceUnits) ?? [], JsonSerializer.Deserialize<List<int>>(AudienceLevels) ?? []),
            ClosesAt),
        OpensAt = OpensAt,
        Status = Enum.TryParse<ConsultationStatus>(Status, ignoreCase: true, out var status) ? status : ConsultationStatus.Open,
        AudienceCount = AudienceCount,
        ConcernCount = ConcernCount,
        EndedAt = EndedAt,
        PublishedAt = PublishedAt,
        DecidedAt = DecidedAt,
        Outcome = Enum.TryParse<ConsultationOutcome>(Outcome, ignoreCase: true, out var outcome) ? outcome : null,
        WhatChanged = WhatChanged,
        TalkingPoints = TalkingPoints,
        AnnouncementAt = AnnouncementAt,
    };

    /// <summary>Writes every field of <paramref name="c"/> into this row (keys and ETag kept).</summary>
    public ConsultationEntity From(ConsultationRecord c)
    {
        RowKey = c.Id;
        OwnerPersonId = c.OwnerPersonId;
        Title = c.Brief.Title;
        Proposal = c.Brief.Proposal;
        Context = c.Brief.Context;
        OptionsConsidered = c.Brief.OptionsConsidered;
        Constraints = c.Brief.Constraints;
        OpenToInput = c.Brief.OpenToInput;
        NotOpenToInput = c.Brief.NotOpenToInput;
        AudienceUnits = JsonSerializer.Serialize(c.Brief.Audience.Units);
        AudienceLevels = JsonSerializer.Serialize(c.Brief.Audience.Levels);
        AudienceCount = c.AudienceCount;
        OpensAt = c.OpensAt;
        ClosesAt = c.Brief.ClosesAt;
        Status = c.Status.ToString().ToLowerInvariant();
        ConcernCount = c.ConcernCount;
        EndedAt = c.EndedAt;
        PublishedAt = c.PublishedAt;
        DecidedAt = c.DecidedAt;
        Outcome = c.Outcome?.ToString() ?? "";
        WhatChanged = c.WhatChanged;
        TalkingPoints = c.TalkingPoints;
        AnnouncementAt = c.AnnouncementAt;
        return this;
    }
}
