using System.Globalization;
using System.Text;
using DialogueBot.Org;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Programmes;

namespace DialogueBot.SkipLevel.Invites;

/// <summary>
/// The invite for a confirmed pair as an iCalendar file (RFC 5545). A pair has a week, not a time: the event
/// holds the whole week, free (TRANSP:TRANSPARENT), so it blocks nothing and the two agree the slot inside
/// it. The UID is the pair's and week's, so a second copy (a retry, a move back) updates the same entry.
/// </summary>
public static class CalendarInvite
{
    public const string ContentType = "text/calendar";

    public static string Ics(SkipLevelProgrammeEntity programme, SkipLevelPairEntity pair, OrgPerson leader, OrgPerson manager, DateTimeOffset now)
    {
        var monday = pair.WeekDate;
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//DialogueBot//Skip-level//EN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:{pair.ProgrammeId}-{pair.Cycle.ToString(CultureInfo.InvariantCulture)}-{pair.PairId}-{pair.Week}@dialoguebot",
            $"DTSTAMP:{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}",
            $"DTSTART;VALUE=DATE:{Date(monday)}",
            $"DTEND;VALUE=DATE:{Date(monday.AddDays(5))}",
            "TRANSP:TRANSPARENT",
            $"SUMMARY:{Escape($"Skip-level: {leader.Name} and {manager.Name}")}",
            $"DESCRIPTION:{Escape($"{programme.Name}: a {programme.MeetingMinutes.ToString(CultureInfo.InvariantCulture)}-minute conversation some time this week. Agree the slot between you; the agenda is on the card in Teams.")}",
        };
        foreach (var person in new[] { leader, manager }.Where(p => p.Email is { Length: > 0 }))
        {
            lines.Add($"ATTENDEE;CN={Escape(person.Name)}:mailto:{person.Email}");
        }

        lines.AddRange(["END:VEVENT", "END:VCALENDAR"]);
        return string.Join("\r\n", lines.Select(Fold)) + "\r\n";
    }

    /// <summary>The file as a data URI, the way a message attachment carries it.</summary>
    public static string DataUri(string ics) => "data:" + ContentType + ";base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(ics));

    private static string Date(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Text values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11).</summary>
    public static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Lines longer than 75 octets continue on the next line after a space (§3.1).</summary>
    private static string Fold(string line)
    {
        if (Encoding.UTF8.GetByteCount(line) <= 75)
        {
            return line;
        }

        var folded = new StringBuilder();
        var count = 0;
        foreach (var ch in line)
        {
            var size = Encoding.UTF8.GetByteCount([ch]);
            if (count + size > 75)
            {
                folded.Append("\r\n ");
                count = 1;
            }

            folded.Append(ch);
            count += size;
        }

        return folded.ToString();
    }
}
