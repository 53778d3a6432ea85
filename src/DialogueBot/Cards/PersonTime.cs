using System.Globalization;
using DialogueBot.BotFramework.Routing;
using DialogueBot.Org;
using Microsoft.Extensions.Options;

namespace DialogueBot.Cards;

/// <summary>
/// How one person reads dates and times: their time zone and their language. Every date on a card goes
/// through here, so a card never shows UTC to someone in Berlin, nor an English weekday to someone whose
/// Teams speaks German.
/// </summary>
public sealed record PersonTime(TimeZoneInfo Zone, CultureInfo Culture)
{
    /// <summary>The bot's own language when the client names none (its texts are English).</summary>
    public static CultureInfo DefaultCulture { get; } = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>For cards built without a person (catalog samples, API texts): UTC, in the default language.</summary>
    public static PersonTime Utc { get; } = new(TimeZoneInfo.Utc, DefaultCulture);

    /// <summary>"Fri 28 Nov 2026" (in the person's language), the day it is for them.</summary>
    public string Day(DateTimeOffset at) => Local(at).ToString("ddd d MMM yyyy", Culture);

    /// <summary>"Fri 28 Nov 2026, 17:00 (Europe/Berlin)": a moment as the person's clock shows it, naming the zone.</summary>
    public string DayAndTime(DateTimeOffset at) => $"{Day(at)}, {Local(at).ToString("t", Culture)} ({Zone.Id})";

    private DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>
    /// The first time zone that is known here of: the client's (Teams sends it with each activity), the
    /// person's in the org chart, the organisation's; else UTC. The culture is the client's locale, else the default.
    /// </summary>
    public static PersonTime Resolve(string? clientTimeZone, string? locale, string? personTimeZone, string? orgTimeZone)
    {
        var zone = new[] { clientTimeZone, personTimeZone, orgTimeZone }
            .Select(id => !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var found) ? found : null)
            .FirstOrDefault(found => found is not null) ?? TimeZoneInfo.Utc;
        return new PersonTime(zone, CultureOf(locale));
    }

    private static CultureInfo CultureOf(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale) || locale.Length > 20)
        {
            return DefaultCulture;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(locale.Trim(), predefinedOnly: true);
            return culture.Equals(CultureInfo.InvariantCulture) ? DefaultCulture : culture;
        }
        catch (CultureNotFoundException)
        {
            return DefaultCulture;
        }
    }
}

/// <summary>Finds a person's <see cref="PersonTime"/> in a turn (their client first) or for a proactive card (the org chart).</summary>
public sealed class PersonClocks(IOptions<OrgOptions> org)
{
    public PersonTime For(TurnContext context, Caller caller) =>
        PersonTime.Resolve(context.ClientTimeZone, context.Activity.Locale, caller.Person?.TimeZone, org.Value.TimeZone);

    public PersonTime For(OrgPerson? person) => PersonTime.Resolve(null, null, person?.TimeZone, org.Value.TimeZone);
}

public static class CardsFeature
{
    /// <summary>What every feature's cards share: <see cref="PersonClocks"/>.</summary>
    public static IServiceCollection AddCards(this IServiceCollection services) => services.AddSingleton<PersonClocks>();
}
