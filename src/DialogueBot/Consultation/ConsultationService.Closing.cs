using DialogueBot.Cards;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Consultation.Delivery;
using DialogueBot.Consultation.Model;
using DialogueBot.Org;

namespace DialogueBot.Consultation;

/// <summary>The end of the window, the counting of ratings, the results, and the outcome that reaches every consulted manager first.</summary>
public sealed partial class ConsultationService
{
    /// <summary>The executive ends the input window early (it also ends by itself at its planned time).</summary>
    public async Task<ConsultationResult> EndWindowAsync(Caller caller, string? id, CancellationToken cancellationToken)
    {
        var (consultation, problem) = await ForManagingAsync(caller, id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var ended = await EndAsync(consultation!.Id, cancellationToken);
        return ConsultationResult.Done(ended ?? consultation, "The input window is closed. Ratings are counted in a moment; then the results open.");
    }

    /// <summary>Stops input and queues the counting after the close grace (idempotent).</summary>
    public async Task<ConsultationRecord?> EndAsync(string id, CancellationToken cancellationToken)
    {
        var (_, now) = await consultations.UpdateAsync(id, c => c.EndWindow(time.GetUtcNow()), cancellationToken);
        if (now is { Status: ConsultationStatus.Closing })
        {
            await work.EnqueueAsync(ConsultationWorkKinds.Publish, id + ".publish", new ConsultationPayload(id), Options.CloseGrace, cancellationToken);
        }

        return now;
    }

    /// <summary>
    /// Counts the ratings, all at once, into totals per cohort; marks the results open; then deletes the sealed
    /// ratings and their participation marks, destroys the consultation's key and purges the per-person brief ledger rows. False while the close grace
    /// still runs (try again later). Each step is idempotent: a rerun after a failure finishes the job.
    /// </summary>
    public async Task<bool> PublishAsync(string id, CancellationToken cancellationToken)
    {
        var consultation = await consultations.FindAsync(id, cancellationToken) ?? throw new ConsultationGoneException(id);
        var now = time.GetUtcNow();
        if (consultation.Status == ConsultationStatus.Open)
        {
            return true; // nothing ended: a stray item
        }

        if (consultation.Status == ConsultationStatus.Closing)
        {
            if (now < (consultation.EndedAt ?? now) + Options.CloseGrace)
            {
                return false;
            }

            if (await keys.FindAsync(id, cancellationToken) is { } key)
            {
                await totals.WriteAsync(id, RatingFigures.Count(await ratings.ListPendingAsync(key, cancellationToken)), cancellationToken);
            }

            await consultations.UpdateAsync(id, c => c.Publish(now), cancellationToken);
        }

        await ratings.DeleteAllAsync(id, cancellationToken);
        await keys.DestroyAsync(id, cancellationToken);

        // Input is closed, so no brief is sent again: the per-person brief rows go (the delivery records keep who was consulted).
        await ledger.PurgeScopeAsync(id, [ConsultationWorkKinds.Brief], cancellationToken);
        return true;
    }

    /// <summary>Support and impact by unit and level, as the disclosure rules allow; nothing before the window closed.</summary>
    public async Task<(RatingResults? Results, ConsultationResult? Problem)> ResultsAsync(Caller caller, string? id, CancellationToken cancellationToken)
    {
        var (consultation, problem) = await ForManagingAsync(caller, id, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (consultation!.Status is ConsultationStatus.Open or ConsultationStatus.Closing)
        {
            return (RatingResults.NotYet("Ratings are shown after the input window closes, so nobody's rating can be read off a change in the figures."), null);
        }

        return (RatingFigures.Disclose(await totals.ListAsync(consultation.Id, cancellationToken), MinimumGroupSize), null);
    }

    /// <summary>
    /// Records the outcome and sends it to every manager who received the brief, at least the lead time before
    /// the company-wide announcement (a closer announcement is refused: no blindsiding).
    /// </summary>
    public async Task<ConsultationResult> DecideAsync(Caller caller, string? id, ConsultationOutcome? outcome, string? whatChanged, string? talkingPoints, DateTimeOffset? announcementAt, CancellationToken cancellationToken)
    {
        var (consultation, problem) = await ForManagingAsync(caller, id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (consultation!.Status == ConsultationStatus.Decided)
        {
            return ConsultationResult.Fail(ConsultationProblem.AlreadyDone, "The outcome was already decided and sent.", consultation);
        }

        if (consultation.Status != ConsultationStatus.Reviewing)
        {
            return ConsultationResult.Fail(ConsultationProblem.Closed, "Close the input window first; the outcome follows the results.", consultation);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var changed = CardText.Clean(whatChanged, Options.MaxBriefFieldLength + 1);
        var points = CardText.Clean(talkingPoints, Options.MaxBriefFieldLength + 1);
        if (outcome is null)
        {
            errors["outcome"] = ["Choose the outcome: go ahead, changed, paused or withdrawn."];
        }

        if (outcome == ConsultationOutcome.Changed && changed.Length == 0)
        {
            errors["whatChanged"] = ["Say what changed because of the managers' input."];
        }

        if (changed.Length > Options.MaxBriefFieldLength || points.Length > Options.MaxBriefFieldLength)
        {
            errors[changed.Length > Options.MaxBriefFieldLength ? "whatChanged" : "talkingPoints"] = [$"Limited to {Options.MaxBriefFieldLength} characters."];
        }

        var earliest = time.GetUtcNow() + Options.OutcomeLeadTime;
        if (announcementAt is not { } announcement || announcement < earliest)
        {
            errors["announcementAt"] = [$"The company-wide announcement must be at least {Describe(Options.OutcomeLeadTime)} from now, so the consulted managers hear the outcome first."];
            announcement = earliest;
        }

        if (errors.Count > 0)
        {
            return ConsultationResult.Refused(errors, consultation);
        }

        var (written, now) = await consultations.UpdateAsync(consultation.Id, c => c.Decide(outcome!.Value, changed, points, announcement, time.GetUtcNow()), cancellationToken);
        if (!written)
        {
            return ConsultationResult.Fail(ConsultationProblem.AlreadyDone, "The outcome was already decided and sent.", now ?? consultation);
        }

        await work.EnqueueAsync(ConsultationWorkKinds.OutcomeFanout, consultation.Id + ".outcomes", new ConsultationPayload(consultation.Id), cancellationToken: cancellationToken);
        await votes.DeleteAllAsync(consultation.Id, cancellationToken);
        return ConsultationResult.Done(now!, $"The outcome is on its way to the consulted managers, ahead of the announcement.");
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.#} hours" : $"{span.TotalMinutes:0} minutes";
}

/// <summary>The consultation a work item names no longer exists.</summary>
public sealed class ConsultationGoneException(string id) : Exception($"Consultation '{id}' no longer exists.");
