using System.Globalization;
using DialogueBot.Cards;

namespace DialogueBot.Tests.Cards;

/// <summary>Dates on cards as the person reads them: their client's zone first, then the org chart's, then the organisation's.</summary>
public class PersonTimeTests
{
    private static readonly DateTimeOffset Moment = new(2026, 11, 27, 23, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_clients_zone_wins_then_the_persons_then_the_organisations_then_UTC()
    {
        Assert.Equal("Asia/Tokyo", PersonTime.Resolve("Asia/Tokyo", null, "Europe/Berlin", "Europe/London").Zone.Id);
        Assert.Equal("Europe/Berlin", PersonTime.Resolve(null, null, "Europe/Berlin", "Europe/London").Zone.Id);
        Assert.Equal("Europe/Berlin", PersonTime.Resolve("Not/AZone", null, "Europe/Berlin", "Europe/London").Zone.Id);
        Assert.Equal("Europe/London", PersonTime.Resolve(null, null, "", "Europe/London").Zone.Id);
        Assert.Equal(TimeZoneInfo.Utc, PersonTime.Resolve(null, null, null, "nowhere").Zone);
    }

    [Fact]
    public void A_late_evening_in_UTC_is_the_next_day_in_Tokyo_and_reads_in_the_persons_language()
    {
        Assert.Equal("Fri 27 Nov 2026", PersonTime.Resolve(null, "en-GB", null, "Europe/London").Day(Moment));
        Assert.Equal("Sat 28 Nov 2026, 08:30 (Asia/Tokyo)", PersonTime.Resolve("Asia/Tokyo", "en-GB", null, null).DayAndTime(Moment));
        var german = PersonTime.Resolve("Europe/Berlin", "de-DE", null, null);
        Assert.Equal(CultureInfo.GetCultureInfo("de-DE"), german.Culture);
        Assert.StartsWith("Sa", german.Day(Moment), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("xx-NOT-A-LOCALE-AT-ALL")]
    [InlineData("zz-ZZ")]
    public void An_unknown_or_missing_locale_falls_back_to_the_bots_language(string? locale)
    {
        Assert.Equal(PersonTime.DefaultCulture, PersonTime.Resolve(null, locale, null, null).Culture);
    }
}
