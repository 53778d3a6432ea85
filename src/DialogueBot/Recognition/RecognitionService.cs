using DialogueBot.BotFramework.Routing;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.Recognition.Delivery;
using DialogueBot.Recognition.Model;
using DialogueBot.Recognition.Nominations;
using Microsoft.Extensions.Options;

namespace DialogueBot.Recognition;

/// <summary>
/// Every recognition rule: who may nominate whom, the monthly limit, review, and what featuring schedules.
/// Routes and endpoints only parse input, call this and map the result.
/// </summary>
public sealed class RecognitionService(
    NominationRepository nominations,
    OrgDirectory directory,
    WorkQueue work,
    Scheduler scheduler,
    IOptions<RecognitionOptions> options,
    IOptions<OrgOptions> orgOptions,
    TimeProvider time)
{
    public RecognitionOptions Options => options.Value;

    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(orgOptions.Value.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    public string CurrentMonth => RecognitionCalendar.MonthOf(time.GetUtcNow(), Zone);

    /// <summary>HR and executives review; the check is here so every door (card, API) applies it.</summary>
    public static bool CanReview(Caller caller) => caller.HasAny(OrgRole.HR | OrgRole.Executive);

    /// <summary>Who the caller can nominate: active managers other than themselves, by name.</summary>
    public async Task<IReadOnlyList<OrgPerson>> NomineesForAsync(Caller caller, CancellationToken cancellationToken) =>
        (await directory.GetAsync(cancellationToken)).People
            .Where(p => p.IsActive && p.Roles.HasFlag(OrgRole.Manager) && !string.Equals(p.Id, caller.Person?.Id, StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();

    public async Task<NominationResult> NominateAsync(Caller caller, NominationInput input, CancellationToken cancellationToken)
    {
        if (caller.Person is not { IsActive: true } nominator)
        {
            return NominationResult.Fail(RecognitionProblem.NotInOrgChart, "Nominations carry your name, and I can't find you in your organisation's chart. HR can add you.");
        }

        var org = await directory.GetAsync(cancellationToken);
        var nominee = org.FindById(input.NomineeId);
        if (nominee is not null && string.Equals(nominee.Id, nominator.Id, StringComparison.OrdinalIgnoreCase))
        {
            return NominationResult.Fail(RecognitionProblem.SelfNomination, "You can't nominate yourself. Recognition means most when it comes from someone else: ask a colleague who saw your win.");
        }

        var errors = Validate(input, nominee, out var story, out var category);
        if (errors.Count > 0)
        {
            return NominationResult.Fail(RecognitionProblem.Invalid, "Please fix the form: " + string.Join(" ", errors.Values.SelectMany(v => v))) with { Errors = errors };
        }

        var id = NominationRepository.IdFor(input.SubmitId!);
        if (await nominations.FindAsync(id, cancellationToken) is { } stored)
        {
            // The same form sent again (a Teams retry, a double press): answer as the first time, send nothing new.
            return string.Equals(stored.NominatorId, nominator.Id, StringComparison.OrdinalIgnoreCase)
                ? await FinishAsync(stored, org, cancellationToken) with { Repeated = true }
                : NominationResult.Fail(RecognitionProblem.Invalid, "This form was already used by someone else. Type `recognise` for a fresh one.");
        }

        var now = time.GetUtcNow();
        var month = RecognitionCalendar.MonthOf(now, Zone);
        if (await TakeSlotAsync(month, nominator.Id, nominee!.Id, id, cancellationToken) is { } open)
        {
            return NominationResult.Fail(RecognitionProblem.AlreadyNominated, $"You nominated {nominee.Name} already this month ({RecognitionCalendar.Describe(month)}), and that nomination is still open. You can nominate them again next month, or nominate someone else now.", open);
        }

        var nomination = new NominationEntity
        {
            RowKey = id,
            NominatorId = nominator.Id,
            NomineeId = nominee.Id,
            CategoryId = category!.Id,
            Story = story,
            Month = month,
            CreatedAt = now,
        };
        if (!await nominations.TryAddAsync(nomination, cancellationToken))
        {
            nomination = await nominations.FindAsync(id, cancellationToken) ?? nomination; // a racing retry of the same submit wrote it
        }

        return await FinishAsync(nomination, org, cancellationToken);
    }

    private Dictionary<string, string[]> Validate(NominationInput input, OrgPerson? nominee, out string story, out RecognitionCategory? category)
    {
        var errors = new Dictionary<string, string[]>();
        story = (UserText.Clean(input.Story) ?? "").Trim();
        category = Options.FindCategory(input.CategoryId);
        if (!NominationRepository.IsValidSubmitId(input.SubmitId))
        {
            errors["submitId"] = ["This form is out of date. Type `recognise` for a fresh one."];
        }

        if (nominee is null || !nominee.IsActive || !nominee.Roles.HasFlag(OrgRole.Manager))
        {
            errors["nomineeId"] = [string.IsNullOrEmpty(input.NomineeId) ? "Pick the manager you want to recognise." : "Pick a manager from the list: recognition here is for managers in the org chart."];
        }

        if (category is null)
        {
            errors["category"] = ["Pick what kind of win it was."];
        }

        if (story.Length < Options.MinStoryLength)
        {
            errors["story"] = [$"Tell the story in a few sentences (at least {Options.MinStoryLength} characters): what they did and why it mattered."];
        }
        else if (story.Length > Options.MaxStoryLength)
        {
            errors["story"] = [$"Keep the story under {Options.MaxStoryLength} characters."];
        }

        return errors;
    }

    /// <summary>
    /// Takes this month's slot for the pair, or returns the open nomination that holds it. A slot left by a
    /// declined nomination, or by one never written (a crash between the two inserts), is taken over by ETag.
    /// </summary>
    private async Task<NominationEntity?> TakeSlotAsync(string month, string nominatorId, string nomineeId, string id, CancellationToken cancellationToken)
    {
        var slot = new NominationSlotEntity { PartitionKey = NominationSlotEntity.PartitionFor(month), RowKey = NominationSlotEntity.RowFor(nominatorId, nomineeId), NominationId = id };
        for (var attempt = 0; attempt < Infrastructure.Storage.TableUpdates.MaxAttempts; attempt++)
        {
            if (await nominations.TryAddSlotAsync(slot, cancellationToken))
            {
                return null;
            }

            var held = await nominations.FindSlotAsync(month, nominatorId, nomineeId, cancellationToken);
            if (held is null)
            {
                continue; // taken over and gone between the two calls: insert again
            }

            if (held.NominationId == id)
            {
                return null; // ours already (a retry of this submit)
            }

            var holder = await nominations.FindAsync(held.NominationId, cancellationToken);
            if (holder is not null && NominationReview.Recognises(holder.Status))
            {
                return holder;
            }

            if (await nominations.TryTakeSlotAsync(held, id, cancellationToken))
            {
                return null;
            }
        }

        throw new Infrastructure.Storage.TableUpdateContentionException(NominationRepository.TableName, NominationSlotEntity.PartitionFor(month));
    }

    /// <summary>The nominee and their manager each hear once: the work keys are the nomination's, so a repeat enqueues what the ledger already ran.</summary>
    private async Task<NominationResult> FinishAsync(NominationEntity nomination, OrgSnapshot org, CancellationToken cancellationToken)
    {
        var nominee = org.FindById(nomination.NomineeId);
        var done = NominationResult.Done(nomination, $"Thank you. {nominee?.Name ?? "They"} will hear about it now, with your name.");
        if (nomination.NoticesQueued)
        {
            return done;
        }

        await work.EnqueueAsync(RecognitionWorkKinds.Notify, RecognitionWork.NotifyKey(nomination.Id, NotifyRecipient.Nominee), new NotifyMessage(nomination.Id, NotifyRecipient.Nominee), cancellationToken: cancellationToken);
        var manager = nominee is null ? null : org.ManagerOf(nominee);
        // When the nominator is the nominee's own manager, they know already: a card about their own nomination would be noise.
        if (manager is not null && !string.Equals(manager.Id, nomination.NominatorId, StringComparison.OrdinalIgnoreCase))
        {
            await work.EnqueueAsync(RecognitionWorkKinds.Notify, RecognitionWork.NotifyKey(nomination.Id, NotifyRecipient.Manager), new NotifyMessage(nomination.Id, NotifyRecipient.Manager), cancellationToken: cancellationToken);
        }

        // Only after both are queued: a crash before this leaves the flag unset, and the retry queues them again.
        await nominations.UpdateAsync(nomination.Id, n =>
        {
            if (n.NoticesQueued)
            {
                return false;
            }

            n.NoticesQueued = true;
            return true;
        }, cancellationToken);
        return done;
    }

    public async Task<NominationResult> ReviewAsync(Caller caller, string? nominationId, ReviewAction action, string? reason, CancellationToken cancellationToken)
    {
        if (!CanReview(caller))
        {
            return NominationResult.Fail(RecognitionProblem.NotAllowed, "Only HR and executives review nominations.");
        }

        if (!NominationRepository.IsValidId(nominationId))
        {
            return NominationResult.Fail(RecognitionProblem.NotFound, "There is no such nomination.");
        }

        var now = time.GetUtcNow();
        var cleanReason = (UserText.Clean(reason) ?? "").Trim();
        if (NominationReview.ReasonProblem(action, cleanReason) is { } badReason)
        {
            return NominationResult.Fail(RecognitionProblem.Invalid, badReason, await nominations.FindAsync(nominationId, cancellationToken));
        }

        string? refusal = null;
        var update = await nominations.UpdateAsync(nominationId!, n =>
        {
            var (next, why) = NominationReview.Apply(n.Status, action, cleanReason);
            refusal = why;
            if (next is not { } state)
            {
                return false;
            }

            n.Status = state;
            n.ReviewedBy = caller.Person?.Id ?? "";
            n.ReviewedAt = now;
            n.DeclineReason = state == NominationState.Declined ? cleanReason : "";
            if (state == NominationState.Featured)
            {
                n.FeaturedAt = now;
                n.FeaturedMonth = RecognitionCalendar.MonthOf(now, Zone);
            }

            return true;
        }, cancellationToken);

        if (update.Outcome == Infrastructure.Storage.TableUpdateOutcome.NotFound)
        {
            return NominationResult.Fail(RecognitionProblem.NotFound, "There is no such nomination.");
        }

        if (!update.Written)
        {
            return NominationResult.Fail(RecognitionProblem.WrongState, refusal ?? "Nothing to change.", update.Entity);
        }

        var nomination = update.Entity!;
        if (nomination.Status == NominationState.Featured)
        {
            // The digest of the month it was featured in; scheduling again under the same key only moves the same job.
            await scheduler.ScheduleAsync(RecognitionWorkKinds.Digest, RecognitionWork.DigestKey(nomination.FeaturedMonth), new DigestMessage(nomination.FeaturedMonth), RecognitionCalendar.DigestDueAt(nomination.FeaturedMonth, Options.DigestHour, Zone), cancellationToken);
        }

        return NominationResult.Done(nomination, action switch
        {
            ReviewAction.Feature => "Featured: it will be on the next town hall's board and in this month's digest.",
            ReviewAction.Decline => "Declined. The reason is kept with the nomination.",
            _ => "Approved.",
        });
    }

    /// <summary>
    /// Sends a month's digest now (HR): moves the month's scheduled job to now. Its key is the month's, so
    /// however often this is called, or the job fires again later, the fan-out runs once and each person gets
    /// one digest for the month; a win featured after it went out is not in any digest.
    /// </summary>
    public async Task<NominationResult> SendDigestAsync(Caller caller, string? month, CancellationToken cancellationToken)
    {
        if (!caller.HasAny(OrgRole.HR))
        {
            return NominationResult.Fail(RecognitionProblem.NotAllowed, "Only HR sends the recognition digest.");
        }

        if (!RecognitionCalendar.TryParseMonth(month, out _))
        {
            return NominationResult.Fail(RecognitionProblem.Invalid, "A month is written yyyy-MM, e.g. 2026-11.");
        }

        await scheduler.ScheduleAsync(RecognitionWorkKinds.Digest, RecognitionWork.DigestKey(month!), new DigestMessage(month!), time.GetUtcNow(), cancellationToken);
        return new NominationResult(RecognitionProblem.None, $"The digest of {RecognitionCalendar.Describe(month!)} is on its way (once per person).");
    }

    public async Task<IReadOnlyList<NominationEntity>> ListAsync(NominationState? state, CancellationToken cancellationToken) =>
        (await nominations.ListAsync(cancellationToken)).Where(n => state is null || n.Status == state)
            .OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id, StringComparer.Ordinal).ToList();

    public async Task<RecognitionOverview> OverviewAsync(CancellationToken cancellationToken) =>
        RecognitionOverview.From(await directory.GetAsync(cancellationToken), await nominations.ListAsync(cancellationToken));

    /// <summary>Featured wins of one month (the digest's), oldest first.</summary>
    public async Task<IReadOnlyList<NominationEntity>> FeaturedInAsync(string month, CancellationToken cancellationToken) =>
        (await nominations.ListFeaturedAsync(cancellationToken)).Where(n => n.Status == NominationState.Featured && n.FeaturedMonth == month)
            .OrderBy(n => n.FeaturedAt).ToList();
}
