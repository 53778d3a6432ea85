using System.Globalization;

namespace DialogueBot.SkipLevel;

/// <summary>How skip-levels write a week for people, in cards and in the services' messages alike.</summary>
public static class SkipLevelDates
{
    public static string WeekText(DateOnly monday) => "week of " + monday.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
}
