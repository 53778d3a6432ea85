using Azure;
using Azure.Data.Tables;

namespace DialogueBot.Loop.Commitments;

/// <summary>What a summary answers: a pulse run or a town hall.</summary>
public enum SubjectKind
{
    Pulse,
    TownHall,
}

/// <summary>Where an action stands. Done and dropped are final.</summary>
public enum ActionStatus
{
    Open,
    InProgress,
    Done,
    Dropped,
}

/// <summary>
/// "You said, we did": one per subject (partition = the run or town-hall id, row key "summary", beside its
/// actions so both are written in one transaction). Named on
/// purpose: the leader who published it and the action owners speak for the organisation; it holds nothing
/// about anyone who answered.
/// </summary>
public sealed class SummaryEntity : ITableEntity
{
    public const string Row = "summary";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = "pulse";
    public string Title { get; set; } = "";
    public string Heard { get; set; } = "";
    public string PublishedBy { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>When the subject closed (the run's close, the town hall's event): the start of "time to a summary".</summary>
    public DateTimeOffset ClosedAt { get; set; }

    public SubjectKind SubjectKind
    {
        get => Enum.TryParse<SubjectKind>(Kind, ignoreCase: true, out var k) ? k : SubjectKind.Pulse;
        set => Kind = value == SubjectKind.TownHall ? "townhall" : "pulse";
    }
}

/// <summary>One commitment: partition = the subject id, row key = "a01"…; <see cref="Version"/> counts changes, so each change is announced once.</summary>
public sealed class ActionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Title { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public DateTimeOffset Due { get; set; }
    public string State { get; set; } = "open";
    public string Reason { get; set; } = "";
    public int Version { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public bool OverdueReminded { get; set; }

    public ActionStatus Status
    {
        get => ActionStatusNames.TryParse(State, out var s) ? s : ActionStatus.Open;
        set => State = ActionStatusNames.NameOf(value);
    }

    public CommitmentAction ToAction() => new(RowKey, Title, OwnerId, Due, Status, Reason.Length == 0 ? null : Reason, Version, DoneAt);
}

/// <summary>An action as read.</summary>
public sealed record CommitmentAction(string Id, string Title, string OwnerId, DateTimeOffset Due, ActionStatus Status, string? Reason, int Version, DateTimeOffset? DoneAt)
{
    public bool IsFinal => Status is ActionStatus.Done or ActionStatus.Dropped;

    public bool IsOverdueAt(DateTimeOffset now) => !IsFinal && now >= Due;

    /// <summary>Done by the end of its due day (the due date is a day, stored as its last moment).</summary>
    public bool DoneOnTime => Status == ActionStatus.Done && DoneAt <= Due;
}

public static class ActionStatusNames
{
    public static string NameOf(ActionStatus status) => status switch
    {
        ActionStatus.InProgress => "inProgress",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static string Label(ActionStatus status) => status switch
    {
        ActionStatus.InProgress => "in progress",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? name, out ActionStatus status)
    {
        foreach (var s in Enum.GetValues<ActionStatus>())
        {
            if (string.Equals(NameOf(s), name?.Trim(), StringComparison.OrdinalIgnoreCase) || string.Equals(s.ToString(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                status = s;
                return true;
            }
        }

        status = ActionStatus.Open;
        return false;
    }
}
