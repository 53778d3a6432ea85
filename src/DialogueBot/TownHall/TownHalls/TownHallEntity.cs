using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace DialogueBot.TownHall.TownHalls;

/// <summary>
/// A town hall. Hosts and the creator are named on purpose (they are the executives answering); nothing
/// here refers to anyone who asks or votes. <see cref="NextNumber"/> numbers questions in asking order, so
/// the board can rank "older first" without storing when anyone asked.
/// </summary>
public sealed class TownHallEntity : ITableEntity
{
    public const string Partition = "townhall";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Title { get; set; } = "";
    /// <summary>Org-chart person ids of the hosts, separated by ';'.</summary>
    public string HostIds { get; set; } = "";
    /// <summary>Org units whose people are invited, separated by ';'; empty means everyone.</summary>
    public string AudienceUnits { get; set; } = "";
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public DateTimeOffset EventAt { get; set; }
    public bool AnonymousByDefault { get; set; } = true;
    public bool PreModeration { get; set; }
    public string CreatedBy { get; set; } = "";
    public int NextNumber { get; set; } = 1;
    /// <summary>
    /// Set when the town hall is finished (<see cref="TownHallFinish"/>): its scope key is destroyed and its
    /// vote and follower rows deleted; the board stays readable, nothing ties a person to a question any more.
    /// </summary>
    public bool Finished { get; set; }

    [IgnoreDataMember]
    public string Id => RowKey;

    [IgnoreDataMember]
    public IReadOnlyList<string> Hosts => Split(HostIds);

    [IgnoreDataMember]
    public IReadOnlyList<string> Audience => Split(AudienceUnits);

    /// <summary>Where the town hall is at <paramref name="now"/>, derived (never stored): finished, else where its question window is.</summary>
    public TownHallStatus StatusAt(DateTimeOffset now) => Finished ? TownHallStatus.Finished : WindowAt(now);

    /// <summary>
    /// Where the question window is at <paramref name="now"/>, whether or not the town hall was finished (a
    /// finished one refuses per-person writes by its destroyed key, with its own message).
    /// </summary>
    public TownHallStatus WindowAt(DateTimeOffset now) =>
        now < OpensAt ? TownHallStatus.Upcoming : now < ClosesAt ? TownHallStatus.Open : TownHallStatus.Closed;

    public bool IsOpenAt(DateTimeOffset now) => WindowAt(now) == TownHallStatus.Open;

    public static string Join(IEnumerable<string> values) => string.Join(';', values.Select(v => v.Trim()).Where(v => v.Length > 0));

    private static List<string> Split(string value) => value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}

/// <summary>A town hall's stage: questions not open yet, open, closed (the board still readable), or finished (its key destroyed).</summary>
public enum TownHallStatus
{
    Upcoming,
    Open,
    Closed,
    Finished,
}
