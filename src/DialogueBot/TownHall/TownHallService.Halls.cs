using DialogueBot.Cards;
using DialogueBot.Org;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.TownHall;

/// <summary>
/// Town halls themselves: creating one (every check of its fields), finding and listing those a caller may
/// see, opening a board or the question form, and sending the summary early.
/// </summary>
public sealed partial class TownHallService
{
    public const int MaxTitleLength = 200;

    /// <summary>
    /// Creates a town hall after checking every field against the org chart: hosts (the creator when none is
    /// named) and audience units must exist, questions close after they open, and the event has a time. It is
    /// announced when questions open (now, or by the scheduler, which has no 7-day queue-delay limit), and its
    /// summary is scheduled <see cref="TownHallOptions.SummaryAfterEvent"/> after the event.
    /// </summary>
    public async Task<TownHallCreation> CreateAsync(Caller caller, CreateTownHallRequest request, CancellationToken cancellationToken)
    {
        if (!TownHallAccess.CanCreate(caller))
        {
            return TownHallCreation.Refused("Only executives and HR open town halls.");
        }

        var org = await directory.GetAsync(cancellationToken);
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

        var now = time.GetUtcNow();
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

        if (errors.Count > 0)
        {
            return TownHallCreation.Invalid(errors);
        }

        var townHall = await townHalls.CreateAsync(new TownHallEntity
        {
            Title = title,
            HostIds = TownHallEntity.Join(hosts),
            AudienceUnits = TownHallEntity.Join(units),
            OpensAt = opensAt.ToUniversalTime(),
            ClosesAt = closesAt.ToUniversalTime(),
            EventAt = eventAt.ToUniversalTime(),
            AnonymousByDefault = request.AnonymousByDefault ?? true,
            PreModeration = request.PreModeration ?? false,
            CreatedBy = caller.Person?.Id ?? "",
        }, cancellationToken);

        if (request.Announce ?? true)
        {
            if (opensAt <= now)
            {
                await TownHallFanOut.EnqueueAsync(work, townHall.Id, DeliveryKind.Announcement, null, cancellationToken);
            }
            else
            {
                await scheduler.ScheduleAsync(TownHallWorkKinds.FanOut, $"{townHall.Id}.{DeliveryKind.Announcement}", new FanOutWork(townHall.Id, DeliveryKind.Announcement), opensAt, cancellationToken);
            }
        }

        await scheduler.ScheduleAsync(TownHallWorkKinds.FanOut, $"{townHall.Id}.{DeliveryKind.Summary}", new FanOutWork(townHall.Id, DeliveryKind.Summary), townHall.EventAt + Options.SummaryAfterEvent, cancellationToken);
        return TownHallCreation.Created(townHall);
    }

    /// <summary>The town halls whose board the caller may see: open ones first, then by event, latest first.</summary>
    public async Task<IReadOnlyList<TownHallEntity>> ListVisibleAsync(Caller caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return (await townHalls.ListAsync(cancellationToken)).Where(t => TownHallAccess.CanSeeBoard(t, caller))
            .OrderByDescending(t => t.IsOpenAt(now)).ThenByDescending(t => t.EventAt).ToList();
    }

    /// <summary>The town hall, when the caller may see its board (its audience, hosts, executives and HR).</summary>
    public async Task<TownHallResult> SeeBoardAsync(Caller caller, string? townHallId, CancellationToken cancellationToken)
    {
        var townHall = await FindAsync(townHallId, cancellationToken);
        return townHall is null ? TownHallResult.Fail(TownHallProblem.NotFound, "That town hall no longer exists.")
            : !TownHallAccess.CanSeeBoard(townHall, caller) ? TownHallResult.Fail(TownHallProblem.NotAllowed, "This town hall's board is for its audience, hosts, executives and HR.", townHall)
            : TownHallResult.Done(townHall);
    }

    /// <summary>The town hall, when the caller may ask in it now, with whether anonymity is offered (for the form).</summary>
    public async Task<TownHallResult> OpenAskFormAsync(Caller caller, string? townHallId, CancellationToken cancellationToken)
    {
        var townHall = await FindAsync(townHallId, cancellationToken);
        if (townHall is null)
        {
            return TownHallResult.Fail(TownHallProblem.NotFound, "That town hall no longer exists.");
        }

        if (!TownHallAccess.IsInvited(townHall, caller))
        {
            return TownHallResult.Fail(TownHallProblem.NotAllowed, "This town hall is for another part of the organisation, so you cannot ask here.", townHall);
        }

        return WindowProblem(townHall) is { } closed
            ? TownHallResult.Fail(TownHallProblem.Closed, closed, townHall)
            : TownHallResult.Done(townHall) with { OffersAnonymity = await OffersAnonymityAsync(townHall, cancellationToken) };
    }

    /// <summary>Queues the summary now (hosts and HR only), unless the town hall is finished and sent it already.</summary>
    public async Task<TownHallResult> SendSummaryAsync(Caller caller, string? townHallId, CancellationToken cancellationToken)
    {
        var townHall = await FindAsync(townHallId, cancellationToken);
        if (townHall is null)
        {
            return TownHallResult.Fail(TownHallProblem.NotFound, "That town hall no longer exists.");
        }

        if (!TownHallAccess.CanModerate(townHall, caller))
        {
            return TownHallResult.Fail(TownHallProblem.NotAllowed, "Only the town hall's hosts and HR can send its summary.", townHall);
        }

        if (townHall.Finished)
        {
            return TownHallResult.Fail(TownHallProblem.NotOpen, "This town hall is finished; its summary was sent.", townHall);
        }

        await TownHallFanOut.EnqueueAsync(work, townHall.Id, DeliveryKind.Summary, null, cancellationToken);
        return TownHallResult.Done(townHall);
    }
}
