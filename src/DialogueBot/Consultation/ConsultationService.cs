using System.Security.Cryptography;
using DialogueBot.Consultation.ConcernVotes;
using DialogueBot.Consultation.Concerns;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Consultation.Deliveries;
using DialogueBot.Consultation.Delivery;
using DialogueBot.Consultation.Model;
using DialogueBot.Consultation.RatingTotals;
using DialogueBot.Consultation.Ratings;
using DialogueBot.Consultation.Volunteers;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using Microsoft.Extensions.Options;

namespace DialogueBot.Consultation;

/// <summary>
/// Every rule of a consultation, used alike by the chat routes and the API: drafting, input (ratings, items,
/// votes, roundtable offers), the board (answers, merges), the end of the window, results and the outcome.
/// One class in four files: drafting and reading (this file), input, the board, and closing.
/// </summary>
public sealed partial class ConsultationService(
    ConsultationRepository consultations,
    ConcernRepository concerns,
    ConcernVoteRepository votes,
    RatingRepository ratings,
    RatingTotalRepository totals,
    VolunteerRepository volunteers,
    ConsultationDeliveryRepository deliveries,
    IScopeKeyStore keys,
    WorkQueue work,
    WorkLedger ledger,
    Scheduler scheduler,
    OrgDirectory directory,
    IOptions<ConsultationOptions> options,
    IOptions<AnonymityOptions> anonymity,
    TimeProvider time)
{
    private ConsultationOptions Options => options.Value;

    /// <summary>k: the smallest group whose ratings are shown, and the smallest audience anonymous items are offered in.</summary>
    public int MinimumGroupSize => anonymity.Value.MinimumGroupSize;

    public TimeSpan OutcomeLeadTime => Options.OutcomeLeadTime;

    /// <summary>Drafts and opens a consultation: the brief goes to every manager of the audience, once.</summary>
    public async Task<ConsultationResult> CreateAsync(Caller caller, ConsultationDraft? draft, CancellationToken cancellationToken)
    {
        if (!caller.HasAny(ConsultationAccess.Drafters) || caller.Person is null)
        {
            return ConsultationResult.Fail(ConsultationProblem.NotAllowed, "Only executives can start a consultation.");
        }

        if (draft is null)
        {
            return ConsultationResult.Refused(new() { ["body"] = ["Send the consultation as JSON."] });
        }

        var org = await directory.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        var (valid, errors) = ConsultationDraftRules.Check(draft, org, now, Options.MaxBriefFieldLength);
        if (valid is null)
        {
            return ConsultationResult.Refused(errors);
        }

        var consultation = new ConsultationRecord
        {
            Id = "co" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            OwnerPersonId = caller.Person.Id,
            Brief = valid,
            OpensAt = now,
            AudienceCount = valid.Audience.Resolve(org).Count,
        };

        // The key exists before any input can arrive; the row before any work that reads it.
        await keys.GetOrCreateAsync(consultation.Id, cancellationToken);
        await consultations.TryAddAsync(consultation, cancellationToken);
        await scheduler.ScheduleAsync(ConsultationWorkKinds.End, consultation.Id + ".end", new ConsultationPayload(consultation.Id), consultation.ClosesAt, cancellationToken);
        await work.EnqueueAsync(ConsultationWorkKinds.Fanout, consultation.Id + ".fanout", new ConsultationPayload(consultation.Id), cancellationToken: cancellationToken);
        return ConsultationResult.Done(consultation, $"The brief is on its way to {consultation.AudienceCount} managers.");
    }

    /// <summary>How many managers an audience reaches, for the draft form before sending (executives only).</summary>
    public async Task<(ConsultationAudience? Audience, int Count, Dictionary<string, string[]> Errors)> PreviewAudienceAsync(Caller caller, IReadOnlyList<string>? units, IReadOnlyList<int>? levels, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!caller.HasAny(ConsultationAccess.Drafters))
        {
            return (null, 0, errors);
        }

        var org = await directory.GetAsync(cancellationToken);
        var audience = ConsultationDraftRules.AudienceOf(units, levels, org, errors);
        return (audience, errors.Count > 0 ? 0 : audience.Resolve(org).Count, errors);
    }

    /// <summary>The consultation, if the caller may read it.</summary>
    public async Task<ConsultationResult> GetAsync(Caller caller, string? id, CancellationToken cancellationToken)
    {
        var consultation = await consultations.FindAsync(id, cancellationToken);
        if (consultation is null)
        {
            return ConsultationResult.Fail(ConsultationProblem.NotFound, "That consultation no longer exists.");
        }

        return ConsultationAccess.CanRead(consultation, caller)
            ? ConsultationResult.Done(consultation, "")
            : ConsultationResult.Fail(ConsultationProblem.NotAllowed, "This consultation is for another group of managers.");
    }

    /// <summary>The consultations the caller may read, open ones first, newest first.</summary>
    public async Task<IReadOnlyList<ConsultationRecord>> ListAsync(Caller caller, CancellationToken cancellationToken) =>
        (await consultations.ListAsync(cancellationToken)).Where(c => ConsultationAccess.CanRead(c, caller))
            .OrderBy(c => c.Status).ThenByDescending(c => c.OpensAt).ToList();

    public bool TakesInputNow(ConsultationRecord consultation) => consultation.TakesInputAt(time.GetUtcNow());

    /// <summary>Anonymous items are offered only where the audience holds at least k people.</summary>
    public bool OffersAnonymity(ConsultationRecord consultation) => consultation.AudienceCount >= MinimumGroupSize;

    /// <summary>What happened and what is planned, for the consultation's page.</summary>
    public async Task<IReadOnlyList<TimelineStep>> TimelineAsync(ConsultationRecord c, CancellationToken cancellationToken)
    {
        var (briefed, outcomeTimes) = await deliveries.CountAsync(c.Id, cancellationToken);
        var beforeAnnouncement = c.AnnouncementAt is { } at ? outcomeTimes.Count(t => t <= at) : 0;
        return
        [
            new("Brief sent", c.OpensAt, true, $"{briefed} of {c.AudienceCount} managers have it"),
            new("Input window ends", c.EndedAt ?? c.ClosesAt, c.EndedAt is not null),
            new("Ratings counted", c.PublishedAt, c.PublishedAt is not null),
            new("Outcome sent to consulted managers", c.DecidedAt, c.DecidedAt is not null, c.DecidedAt is null ? "" : $"{outcomeTimes.Count} of {briefed} delivered, {beforeAnnouncement} before the announcement"),
            new("Company-wide announcement", c.AnnouncementAt, c.AnnouncementAt is { } a && a <= time.GetUtcNow()),
        ];
    }

    /// <summary>The volunteers for a roundtable, by name (they chose to be named); for those who run the consultation.</summary>
    public async Task<IReadOnlyList<OrgPerson>?> VolunteersAsync(Caller caller, ConsultationRecord consultation, CancellationToken cancellationToken)
    {
        if (!ConsultationAccess.CanManage(consultation, caller))
        {
            return null;
        }

        var org = await directory.GetAsync(cancellationToken);
        return (await volunteers.ListAsync(consultation.Id, cancellationToken)).Select(org.FindById).OfType<OrgPerson>().OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
    }
}
