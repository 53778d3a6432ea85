using System.Globalization;

namespace DialogueBot.Recognition.Model;

/// <summary>Months as the organisation lives them (its time zone): the nomination limit and the digest are monthly.</summary>
public static class RecognitionCalendar
{
    public const string MonthFormat = "yyyy-MM";

    public static string MonthOf(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString(MonthFormat, CultureInfo.InvariantCulture);

    public static bool TryParseMonth(string? month, out DateOnly first)
    {
        var ok = DateTime.TryParseExact(month, MonthFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
        first = ok ? DateOnly.FromDateTime(parsed) : default;
        return ok;
    }

    /// <summary>When a month's digest goes out: the 1st of the next month at <paramref name="hour"/>, local time.</summary>
    public static DateTimeOffset DigestDueAt(string month, int hour, TimeZoneInfo zone)
    {
        if (!TryParseMonth(month, out var first))
        {
            throw new ArgumentException($"'{month}' is not a month (yyyy-MM).", nameof(month));
        }

        var local = first.AddMonths(1).ToDateTime(new TimeOnly(Math.Clamp(hour, 0, 23), 0), DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>"November 2026".</summary>
    public static string Describe(string month) =>
        TryParseMonth(month, out var first) ? first.ToString("MMMM yyyy", CultureInfo.InvariantCulture) : month;
}
