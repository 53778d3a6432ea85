using System.Globalization;
using DialogueBot.Org;

namespace DialogueBot.Infrastructure.Anonymity.Disclosure;

/// <summary>What a cohort is: a view a reader may be shown (everyone, an org unit with everything below it, a level), or a finest cell.</summary>
public enum CohortKind
{
    Everyone,
    Unit,
    Level,
    /// <summary>
    /// The finest cell of a stored (unit, level) pair. Never offered as a filter or shown: cells exist so the
    /// disclosure rule can see how views overlap (units against levels), which the views' own totals cannot tell it.
    /// </summary>
    Cell,
}

/// <summary>
/// A group figures are counted in, as one value: parsed from and written as the stored key ("all",
/// "unit:&lt;path&gt;", "level:&lt;n&gt;", "cell:&lt;level or -&gt;:&lt;unit&gt;"), with its parent and its label.
/// Any feature that publishes counts behind the threshold (pulses today) keys them by this, so the same
/// <see cref="DisclosureRules"/> apply.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CohortJsonConverter))]
public readonly record struct Cohort
{
    private const string AllKey = "all";
    private const string UnitPrefix = "unit:";
    private const string LevelPrefix = "level:";
    private const string CellPrefix = "cell:";

    private readonly string? _unit;

    private Cohort(CohortKind kind, string unit, int? level)
    {
        Kind = kind;
        _unit = unit;
        Level = level;
    }

    public static Cohort Everyone => default;

    public CohortKind Kind { get; }

    /// <summary>The unit path (a unit or a cell); "" otherwise, and for a cell of people with no unit.</summary>
    public string Unit => _unit ?? "";

    /// <summary>The level (a level, or a cell with one).</summary>
    public int? Level { get; }

    public bool IsView => Kind != CohortKind.Cell;

    /// <summary>A unit with everything below it; "" is everyone.</summary>
    public static Cohort OfUnit(string unit) => unit.Length == 0 ? Everyone : new(CohortKind.Unit, unit, null);

    public static Cohort OfLevel(int level) => new(CohortKind.Level, "", level);

    /// <summary>The finest cell of a stored (unit, level) pair: where one response is counted exactly once.</summary>
    public static Cohort CellOf(string unit, int? level) => new(CohortKind.Cell, unit, level);

    /// <summary>The stored key. The cell's level comes first so a unit path holding ':' still parses.</summary>
    public string Key => Kind switch
    {
        CohortKind.Unit => UnitPrefix + Unit,
        CohortKind.Level => LevelPrefix + Level!.Value.ToString(CultureInfo.InvariantCulture),
        CohortKind.Cell => CellPrefix + (Level is { } l ? l.ToString(CultureInfo.InvariantCulture) : "-") + ":" + Unit,
        _ => AllKey,
    };

    /// <summary>The next wider view: a unit's parent unit (everyone at the top); everyone for a level, a cell or everyone.</summary>
    public Cohort Parent => Kind == CohortKind.Unit ? OfUnit(OrgSnapshot.ParentUnit(Unit)) : Everyone;

    /// <summary>How a reader sees the view named: "Everyone", the unit path, "Level 4".</summary>
    public string Label => Kind switch
    {
        CohortKind.Unit => Unit,
        CohortKind.Level => "Level " + Level!.Value.ToString(CultureInfo.InvariantCulture),
        CohortKind.Cell => Key,
        _ => "Everyone",
    };

    public override string ToString() => Key;

    /// <summary>
    /// Reads a stored or requested key. Only the exact spelling <see cref="Key"/> writes is accepted
    /// ("level:04" or "unit:" are not cohorts), so one group never has two names.
    /// </summary>
    public static bool TryParse(string? key, out Cohort cohort)
    {
        cohort = Everyone;
        if (key is null)
        {
            return false;
        }

        Cohort? parsed = key switch
        {
            AllKey => Everyone,
            _ when key.StartsWith(UnitPrefix, StringComparison.Ordinal) => OfUnit(key[UnitPrefix.Length..]),
            _ when key.StartsWith(LevelPrefix, StringComparison.Ordinal) => ParseLevel(key[LevelPrefix.Length..]) is { } level ? OfLevel(level) : null,
            _ when key.StartsWith(CellPrefix, StringComparison.Ordinal) => ParseCell(key),
            _ => null,
        };
        if (parsed is not { } value || value.Key != key)
        {
            return false;
        }

        cohort = value;
        return true;
    }

    public static Cohort Parse(string key) =>
        TryParse(key, out var cohort) ? cohort : throw new FormatException($"'{key}' is not a cohort key.");

    /// <summary>The views a response with this stored (unit, level) counts in: everyone, its unit and the unit's ancestors, its level.</summary>
    public static IEnumerable<Cohort> ViewsOf(string unit, int? level)
    {
        yield return Everyone;
        foreach (var u in OrgSnapshot.UnitAndAncestors(unit))
        {
            yield return OfUnit(u);
        }

        if (level is { } l)
        {
            yield return OfLevel(l);
        }
    }

    /// <summary>
    /// Every cohort a response counts in: its views, then its cell. Whatever writes counts iterates this, so
    /// every response lands in exactly one cell and the cells add up to every view.
    /// </summary>
    public static IEnumerable<Cohort> AllOf(string unit, int? level) => ViewsOf(unit, level).Append(CellOf(unit, level));

    /// <summary>Whether a response stored with (unit, level) counts in this cohort.</summary>
    public bool Holds(string unit, int? level) => Kind == CohortKind.Cell
        ? Unit == unit && Level == level
        : ViewsOf(unit, level).Contains(this);

    private static int? ParseLevel(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var level) ? level : null;

    private static Cohort? ParseCell(string key)
    {
        var colon = key.IndexOf(':', CellPrefix.Length);
        if (colon < 0)
        {
            return null;
        }

        var levelText = key[CellPrefix.Length..colon];
        var unit = key[(colon + 1)..];
        if (levelText == "-")
        {
            return CellOf(unit, null);
        }

        return ParseLevel(levelText) is { } level ? CellOf(unit, level) : null;
    }
}

/// <summary>A cohort in JSON is its key ("unit:Engineering"), as in the tables; an unreadable key is a JSON error.</summary>
public sealed class CohortJsonConverter : System.Text.Json.Serialization.JsonConverter<Cohort>
{
    public override Cohort Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        Cohort.TryParse(reader.GetString(), out var cohort) ? cohort : throw new System.Text.Json.JsonException("Not a cohort key.");

    public override void Write(System.Text.Json.Utf8JsonWriter writer, Cohort value, System.Text.Json.JsonSerializerOptions options) => writer.WriteStringValue(value.Key);
}
