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

/// <summary>
/// Cohort names: "all", "unit:&lt;path&gt;", "level:&lt;n&gt;" — the views a reader may be shown — and
/// "cell:&lt;level or -&gt;:&lt;unit&gt;", the finest cell of a stored (unit, level) pair. Cells are never offered as
/// filters or shown: they exist so the disclosure rule can see how views overlap (units against levels), which the
/// views' own totals cannot tell it.
/// </summary>
public static class CohortKeys
{
    public const string All = "all";
    public const string CellPrefix = "cell:";

    public static string Unit(string unit) => unit.Length == 0 ? All : "unit:" + unit;

    public static string Level(int level) => "level:" + level.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The finest cell; the level comes first so a unit path holding ':' still parses.</summary>
    public static string Cell(string unit, int? level) =>
        CellPrefix + (level is { } l ? l.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-") + ":" + unit;

    public static bool IsCell(string cohort) => cohort.StartsWith(CellPrefix, StringComparison.Ordinal);

    public static bool TryParseCell(string cohort, out string unit, out int? level)
    {
        unit = "";
        level = null;
        var colon = cohort.IndexOf(':', CellPrefix.Length);
        if (!IsCell(cohort) || colon < 0)
        {
            return false;
        }

        var levelText = cohort[CellPrefix.Length..colon];
        unit = cohort[(colon + 1)..];
        if (levelText == "-")
        {
            return true;
        }

        if (!int.TryParse(levelText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var l))
        {
            return false;
        }

        level = l;
        return true;
    }

    /// <summary>The views a response with this stored cohort counts in: everyone, its unit and the unit's ancestors, its level.</summary>
    public static IEnumerable<string> Views(string unit, int? level)
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

    /// <summary>
    /// Every cohort a response counts in: its views, then its cell. Whatever writes aggregates iterates this, so
    /// every response lands in exactly one cell and the cells add up to every view.
    /// </summary>
    public static IEnumerable<string> Of(string unit, int? level) => Views(unit, level).Append(Cell(unit, level));
}
