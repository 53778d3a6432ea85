using System.Globalization;
using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using DialogueBot.Consultation.Model;

namespace DialogueBot.Consultation.Concerns;

/// <summary>
/// A concern, idea or question raised on a consultation. An anonymous one stores no author at all (no id, no
/// keyed hash of one) and no time: items are numbered in the order they arrive.
/// </summary>
public sealed class ConcernEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Number { get; set; }
    public string Kind { get; set; } = "concern";
    public string Text { get; set; } = "";
    public bool Anonymous { get; set; }
    /// <summary>The asker's org-chart id when they chose to be named; "" when anonymous.</summary>
    public string AuthorPersonId { get; set; } = "";
    public string State { get; set; } = "open";
    public string MergedInto { get; set; } = "";
    public int Votes { get; set; }
    public string Answer { get; set; } = "";
    /// <summary>The form's random submit id keyed with the consultation's key: a retried press is the same item.</summary>
    public string SubmitHash { get; set; } = "";

    [IgnoreDataMember]
    public string Id => RowKey;

    [IgnoreDataMember]
    public ConcernKind KindValue => Enum.TryParse<ConcernKind>(Kind, ignoreCase: true, out var kind) ? kind : ConcernKind.Concern;

    [IgnoreDataMember]
    public ConcernState StateValue => State == "merged" ? ConcernState.Merged : ConcernState.Open;

    public static string IdOf(int number) => "c" + number.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Marks this merged into <paramref name="targetId"/>; false when it already is (or is the target).</summary>
    public bool MarkMergedInto(string targetId)
    {
        if (StateValue == ConcernState.Merged || targetId == Id)
        {
            return false;
        }

        State = "merged";
        MergedInto = targetId;
        return true;
    }
}
