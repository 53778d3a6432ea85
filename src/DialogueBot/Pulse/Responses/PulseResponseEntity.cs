using Azure;
using Azure.Data.Tables;

namespace DialogueBot.Pulse.Responses;

/// <summary>
/// One anonymous response: partition = run id, row key = a keyed derivation of a random pending id (so a
/// repeated flush rewrites the same row, and the key says nothing about who or when). No user id, no
/// conversation or activity id, the day of the flush only, and a cohort never smaller than k people.
/// Rows arrive in shuffled batches of several, so neither their order nor their timestamps follow the answers.
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
}
