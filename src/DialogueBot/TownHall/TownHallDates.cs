using System.Globalization;

namespace DialogueBot.TownHall;

/// <summary>How the town hall writes an instant for people, in cards and in the service's messages alike.</summary>
public static class TownHallDates
{
    public static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("ddd d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
