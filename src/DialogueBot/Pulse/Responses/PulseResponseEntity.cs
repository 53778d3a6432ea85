using Azure;
using Azure.Data.Tables;
using DialogueBot.Pulse.Model;

namespace DialogueBot.Pulse.Responses;

/// <summary>
/// One anonymous response: partition = run id, row key = a keyed derivation of a random pending id (so a
/// repeated publication rewrites the same row, and the key says nothing about who or when). No user id, no
/// conversation or activity id, the day of publication only, and a cohort never smaller than k people.
/// Only <see cref="PulseResponseRepository"/> maps it.
/// </summary>
public sealed class PulseResponseEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Day { get; set; } = "";
    public string Unit { get; set; } = "";
    public int? Level { get; set; }
    public string Answers { get; set; } = "{}";

    public PulseResponse ToResponse() => new(Unit, Level, PulseAnswers.Parse(Answers)) { Key = RowKey };
}

/// <summary>One response as read: its stored cohort (unit, level: a group of k or more of the audience) and its answers (question id → value).</summary>
public sealed record PulseResponse(string Unit, int? Level, IReadOnlyDictionary<string, string> Answers)
{
    /// <summary>The response's row key (a keyed pseudonym): what a comment thread refers to.</summary>
    public string Key { get; init; } = "";
}
