using System.Globalization;

namespace DialogueBot.Pulse.Model;

/// <summary>How pulse dates read, the same on cards and in API messages ("Fri 28 Nov 2026"): in one place, outside the cards.</summary>
public static class PulseDates
{
    public static string Day(DateTimeOffset at) => at.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The day alone, as the trend and publication rows store it ("2026-11-28").</summary>
    public static string IsoDay(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
