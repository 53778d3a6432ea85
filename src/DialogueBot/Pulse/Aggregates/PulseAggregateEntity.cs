using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Anonymity.Disclosure;

namespace DialogueBot.Pulse.Aggregates;

/// <summary>
/// The stored row of a <see cref="PulseAggregate"/>. Partition = run id, row key = "&lt;cohort key&gt;|&lt;question&gt;"
/// (the cohort key escaped). Written whole when the run is published; only <see cref="PulseAggregateRepository"/> maps it.
/// </summary>
public sealed class PulseAggregateEntity : ITableEntity
{
    /// <summary>The question id under which respondents are counted.</summary>
    public const string RespondentsQuestion = DisclosureRules.Respondents;

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The <see cref="Infrastructure.Anonymity.Disclosure.Cohort.Key"/>.</summary>
    public string Cohort { get; set; } = "";
    public string Question { get; set; } = "";
    public int Count { get; set; }
    public long Sum { get; set; }
    /// <summary>JSON object: answer value (number or choice index) → count.</summary>
    public string Distribution { get; set; } = "{}";

    public static string RowKeyOf(string cohort, string question) => Uri.EscapeDataString(cohort) + "|" + question;

    public static PulseAggregateEntity From(string runId, PulseAggregate aggregate) => new()
    {
        PartitionKey = runId,
        RowKey = RowKeyOf(aggregate.Cohort.Key, aggregate.Question),
        Cohort = aggregate.Cohort.Key,
        Question = aggregate.Question,
        Count = aggregate.Count,
        Sum = aggregate.Sum,
        Distribution = JsonSerializer.Serialize(aggregate.Distribution),
    };

    /// <summary>The row as a value, its JSON parsed once; null for a cohort key this version cannot read.</summary>
    public PulseAggregate? ToAggregate() =>
        Infrastructure.Anonymity.Disclosure.Cohort.TryParse(Cohort, out var cohort)
            ? new PulseAggregate(cohort, Question, Count, Sum, JsonSerializer.Deserialize<Dictionary<string, int>>(Distribution) ?? [])
            : null;
}

/// <summary>Totals of one run for one cohort and question (question "n": respondents): answers, their sum, and answer value → count.</summary>
public sealed record PulseAggregate(Cohort Cohort, string Question, int Count, long Sum, IReadOnlyDictionary<string, int> Distribution);
