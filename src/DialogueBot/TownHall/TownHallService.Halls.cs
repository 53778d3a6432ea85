using DialogueBot.Org;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.TownHall;

/// <summary>
/// Town halls themselves: creating one (every check of its fields), finding and listing those a caller may
/// see, opening a board or the question form, and sending the summary early.
/// </summary>
public sealed partial class TownHallService
{
    /// <summary>
    /// Creates a town hall after checking every field (<see cref="TownHallRules.CheckCreation"/>). It is
    /// announced when questions open (now, or by the scheduler, which has no 7-day queue-delay limit), and its
    /// summary is scheduled <see cref="TownHallOptions.SummaryAfterEvent"/> after the event.
    /// </summary>
    public async Task<TownHallCreation> CreateAsync(Caller caller, CreateTownHallRequest request, CancellationToken cancellationToken)
    {
        if (!TownHallAccess.CanCreate(caller))
        {
            return TownHallCreation.Refused("Only executives and HR open town halls.");
        }

        var now = time.GetUtcNow();
        var (draft, errors) = TownHallRules.CheckCreation(request, caller, await directory.GetAsync(cancellationToken), now);
        if (draft is null)
        {
            return TownHallCreation.Invalid(errors);
        }

        var townHall = await townHalls.CreateAsync(new TownHallEntity
        {
            Title = draft.Title,
            HostIds = TownHallEntity.Join(draft.HostIds),
            AudienceUnits = TownHallEntity.Join(draft.AudienceUnits),
            OpensAt = draft.OpensAt,
            ClosesAt = draft.ClosesAt,
            EventAt = draft.EventAt,
            AnonymousByDefault = request.AnonymousByDefault ?? true,
            PreModeration = request.PreModeration ?? false,
            CreatedBy = caller.Person?.Id ?? "",
        }, cancellationToken);

        if (request.Announce ?? true)
        {
            if (draft.OpensAt <= now)
            {
                await TownHallFanOut.EnqueueAsync(work, townHall.Id, DeliveryKind.Announcement, null, cancellationToken);
            }
            else
            {
                await scheduler.ScheduleAsync(TownHallWorkKinds.FanOut, $"{townHall.Id}.{DeliveryKind.Announcement}", new FanOutWork(townHall.Id, DeliveryKind.Announcement), draft.OpensAt, cancellationToken);
            }
        }

        await scheduler.ScheduleAsync(TownHallWorkKinds.FanOut, $"{townHall.Id}.{DeliveryKind.Summary}", new FanOutWork(townHall.Id, DeliveryKind.Summary), townHall.EventAt + Options.SummaryAfterEvent, cancellationToken);
        return TownHallCreation.Created(townHall);
    }

    /// <summary>
    /// The town halls whose board the caller may see, in the order of <see cref="TownHallRules.MostLikelyMeant"/>:
    /// the first is the one meant when none is named, in chat and in the tab alike.
    /// </summary>
    public async Task<IReadOnlyList<TownHallEntity>> ListVisibleAsync(Caller caller, CancellationToken cancellationToken) =>
        TownHallRules.MostLikelyMeant((await townHalls.ListAsync(cancellationToken)).Where(t => TownHallAccess.CanSeeBoard(t, caller)), time.GetUtcNow());

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
