using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace DialogueBot.Pulse.Aggregates;

/// <summary>
/// Totals for one run, cohort and question (question "n" counts respondents). Partition = run id,
/// row key = "&lt;cohort&gt;|&lt;question&gt;". Written whole when the run is published.
/// </summary>
public sealed class PulseAggregateEntity : ITableEntity
{
    public const string RespondentsQuestion = "n";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Cohort { get; set; } = "";
    public string Question { get; set; } = "";
    public int Count { get; set; }
    public long Sum { get; set; }
    /// <summary>JSON object: answer value (number or choice index) → count.</summary>
    public string Distribution { get; set; } = "{}";

    [System.Runtime.Serialization.IgnoreDataMember]
    public Dictionary<string, int> DistributionMap
    {
        get => JsonSerializer.Deserialize<Dictionary<string, int>>(Distribution) ?? [];
        set => Distribution = JsonSerializer.Serialize(value);
    }

    public static string RowKeyOf(string cohort, string question) => Uri.EscapeDataString(cohort) + "|" + question;
}

/// <summary>Cohort names: "all", "unit:&lt;path&gt;", "level:&lt;n&gt;".</summary>
public static class CohortKeys
{
    public const string All = "all";

    public static string Unit(string unit) => unit.Length == 0 ? All : "unit:" + unit;

    public static string Level(int level) => "level:" + level.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every cohort a response with this stored cohort counts in: everyone, its unit and the unit's ancestors, its level.</summary>
    public static IEnumerable<string> Of(string unit, int? level)
    {
        yield return All;
        foreach (var u in Org.OrgSnapshot.UnitAndAncestors(unit))
        {
            yield return Unit(u);
        }

        if (level is { } l)
        {
            yield return Level(l);
        }
    }
}
