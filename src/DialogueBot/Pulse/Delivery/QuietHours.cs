using DialogueBot.Org;

namespace DialogueBot.Pulse.Delivery;

/// <summary>When a message may reach someone: working hours on a weekday, in their own time zone.</summary>
public static class QuietHours
{
    /// <summary>Zero when now is fine; otherwise how long to wait for the next allowed moment.</summary>
    public static TimeSpan WaitFor(DateTimeOffset nowUtc, string? personTimeZone, string orgTimeZone, int startHour, int endHour)
    {
        var zone = Find(personTimeZone) ?? Find(orgTimeZone) ?? TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(nowUtc, zone);
        if (IsWorkday(local.DayOfWeek) && local.Hour >= startHour && local.Hour < endHour)
        {
            return TimeSpan.Zero;
        }

        // Walk to the next working day's start (at most a week ahead).
        var candidate = new DateTime(local.Year, local.Month, local.Day, startHour, 0, 0, DateTimeKind.Unspecified);
        if (local.Hour >= startHour)
        {
            candidate = candidate.AddDays(1);
        }

        while (!IsWorkday(candidate.DayOfWeek))
        {
            candidate = candidate.AddDays(1);
        }

        var next = new DateTimeOffset(candidate, zone.GetUtcOffset(candidate));
        var wait = next - nowUtc;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromMinutes(1);
    }

    private static bool IsWorkday(DayOfWeek day) => day is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private static TimeZoneInfo? Find(string? id) =>
        !string.IsNullOrEmpty(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    public static TimeSpan WaitFor(DateTimeOffset nowUtc, OrgPerson person, OrgOptions org, PulseOptions pulse) =>
        pulse.RespectQuietHours ? WaitFor(nowUtc, person.TimeZone, org.TimeZone, pulse.WorkdayStartHour, pulse.WorkdayEndHour) : TimeSpan.Zero;
}
