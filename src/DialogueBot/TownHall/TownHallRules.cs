using DialogueBot.Cards;
using DialogueBot.Org;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.TownHall;

/// <summary>A town hall's fields once checked: what <see cref="TownHallService.CreateAsync"/> stores.</summary>
public sealed record TownHallDraft(string Title, IReadOnlyList<string> HostIds, IReadOnlyList<string> AudienceUnits, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, DateTimeOffset EventAt);

/// <summary>
/// The town hall's checks of what people type, as pure functions (no storage, no clock of their own), so each
/// rule is unit-tested on its own. Each problem is a sentence for the person who typed it.
/// </summary>
public static class TownHallRules
{
    public const int MaxTitleLength = 200;
    public const int MaxDismissReasonLength = 300;
    public const int MaxLinkLength = 1000;

    /// <summary>
    /// Checks a new town hall against the org chart: a title, hosts (the creator when none is named) and
    /// audience units that exist, questions closing after they open (now when no opening is given), and an
    /// event time. Null draft with every field at fault (by its API name) otherwise.
    /// </summary>
    public static (TownHallDraft? Draft, Dictionary<string, string[]> Errors) CheckCreation(CreateTownHallRequest request, Caller caller, OrgSnapshot org, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var title = CardText.Clean(request.Title, MaxTitleLength);
        if (title.Length < 3)
        {
            errors["title"] = ["Give the town hall a title."];
        }

        var hosts = (request.HostIds ?? []).Select(h => h.Trim()).Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (hosts.Count == 0 && caller.Person is not null)
        {
            hosts.Add(caller.Person.Id);
        }

        if (hosts.FirstOrDefault(h => org.FindById(h) is null) is { } unknownHost)
        {
            errors["hostIds"] = [$"'{unknownHost}' is not a person id in the org chart."];
        }

        var units = (request.AudienceUnits ?? []).Select(u => u.Trim().Trim('/')).Where(u => u.Length > 0).ToList();
        if (units.FirstOrDefault(u => !org.Units.Contains(u, StringComparer.OrdinalIgnoreCase)) is { } unknownUnit)
        {
            errors["audienceUnits"] = [$"'{unknownUnit}' is not an org unit in the org chart."];
        }

        var opensAt = request.OpensAt ?? now;
        if (request.ClosesAt is not { } closesAt || closesAt <= opensAt)
        {
            errors["closesAt"] = ["closesAt must be after opensAt (the question window)."];
            closesAt = opensAt;
        }

        if (request.EventAt is not { } eventAt)
        {
            errors["eventAt"] = ["eventAt (when the town hall takes place) is required."];
            eventAt = closesAt;
        }

        return errors.Count > 0
            ? (null, errors)
            : (new TownHallDraft(title, hosts, units, opensAt.ToUniversalTime(), closesAt.ToUniversalTime(), eventAt.ToUniversalTime()), errors);
    }

    /// <summary>Whether a question is asked anonymously: as the asker chose, else the town hall's default where anonymity is offered.</summary>
    public static bool AsksAnonymously(bool? chosen, bool anonymousByDefault, bool offersAnonymity) => chosen ?? (anonymousByDefault && offersAnonymity);

    /// <summary>
    /// Town halls in the order a person most likely means them: open for questions (soonest event first), then
    /// upcoming (soonest first), then past (latest first).
    /// </summary>
    public static IReadOnlyList<TownHallEntity> MostLikelyMeant(IEnumerable<TownHallEntity> townHalls, DateTimeOffset now) =>
        townHalls.OrderBy(t => t.IsOpenAt(now) ? 0 : t.EventAt >= now ? 1 : 2)
            .ThenBy(t => t.IsOpenAt(now) || t.EventAt >= now ? t.EventAt.UtcTicks : -t.EventAt.UtcTicks)
            .ToList();

    /// <summary>A question's text, cleaned, between <paramref name="min"/> and <paramref name="max"/> characters.</summary>
    public static (string Clean, string? Problem) CheckQuestionText(string? text, int min, int max)
    {
        var clean = CardText.Clean(text, max + 1);
        if (clean.Length < min)
        {
            return (clean, $"Please write a question of at least {min} characters.");
        }

        if (clean.Length > max)
        {
            return (clean, $"Questions are limited to {max} characters; yours has {CardText.Clean(text, 100_000).Length}. Please shorten it.");
        }

        return (clean, null);
    }

    /// <summary>A dismissal says why: the audience sees the reason.</summary>
    public static (string Clean, string? Problem) CheckDismissReason(string? reason)
    {
        var clean = CardText.Clean(reason, MaxDismissReasonLength);
        return (clean, clean.Length == 0 ? "Say briefly why the question is dismissed: the audience sees the reason." : null);
    }

    /// <summary>An answer is a text of at most <paramref name="maxLength"/> characters, a full https:// link, or both.</summary>
    public static (string Clean, string Link, string? Problem) CheckAnswer(string? answer, string? link, int maxLength)
    {
        var clean = CardText.Clean(answer, maxLength + 1);
        var cleanLink = (link ?? "").Trim();
        if (clean.Length == 0 && cleanLink.Length == 0)
        {
            return (clean, cleanLink, "Write an answer or give a link to one (a recording, a page).");
        }

        if (clean.Length > maxLength)
        {
            return (clean, cleanLink, $"Answers are limited to {maxLength} characters; link to a longer one.");
        }

        if (cleanLink.Length > 0 && (!Uri.TryCreate(cleanLink, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || cleanLink.Length > MaxLinkLength))
        {
            return (clean, cleanLink, "The link must be a full https:// address.");
        }

        return (clean, cleanLink, null);
    }
}
