using DialogueBot.Cards;
using DialogueBot.Consultation.ConcernVotes;
using DialogueBot.Consultation.Concerns;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Consultation.Model;
using DialogueBot.Consultation.Ratings;
using DialogueBot.Infrastructure.Anonymity.Disclosure;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Infrastructure.Text;
using DialogueBot.Org;

namespace DialogueBot.Consultation;

/// <summary>Input from consulted managers: a rating, an item (concern, idea, question), a vote, a roundtable offer.</summary>
public sealed partial class ConsultationService
{
    /// <summary>Loads the consultation and checks the caller is consulted and input is taken; the key comes with it.</summary>
    private async Task<(ConsultationRecord? Consultation, ScopeKey? Key, ConsultationResult? Problem)> ForInputAsync(Caller caller, string? id, CancellationToken cancellationToken)
    {
        var consultation = await consultations.FindAsync(id, cancellationToken);
        if (consultation is null)
        {
            return (null, null, ConsultationResult.Fail(ConsultationProblem.NotFound, "That consultation no longer exists."));
        }

        if (!ConsultationAccess.IsConsulted(consultation, caller))
        {
            return (consultation, null, ConsultationResult.Fail(ConsultationProblem.NotAllowed, "This consultation is for another group of managers, so you cannot give input here.", consultation));
        }

        if (!consultation.TakesInputAt(time.GetUtcNow()) || await keys.FindAsync(consultation.Id, cancellationToken) is not { } key)
        {
            return (consultation, null, ConsultationResult.Fail(ConsultationProblem.Closed, $"Input on \"{consultation.Title}\" has closed. You will hear the outcome here before it is announced.", consultation));
        }

        return (consultation, key, null);
    }

    public async Task<bool> HasRatedAsync(ConsultationRecord consultation, Caller caller, CancellationToken cancellationToken) =>
        await keys.FindAsync(consultation.Id, cancellationToken) is { } key && await ratings.HasRatedAsync(key, caller.AadObjectId, cancellationToken);

    /// <summary>
    /// Records a rating once. It counts in a cell of at least k of the audience (the pulse's rule), is sealed
    /// until the window ends, and the answer says only that it was recorded — nothing of the scores.
    /// </summary>
    public async Task<ConsultationResult> RateAsync(Caller caller, string? id, int? support, int? impact, CancellationToken cancellationToken)
    {
        var (consultation, key, problem) = await ForInputAsync(caller, id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!RatingScales.IsValid(support) || !RatingScales.IsValid(impact))
        {
            return ConsultationResult.Fail(ConsultationProblem.Invalid, "Rate both your support and the expected impact on your team, each from 1 to 5.", consultation);
        }

        var org = await directory.GetAsync(cancellationToken);
        var cell = SmallGroups.CellFor(caller.Person!, consultation!.Brief.Audience.Resolve(org), MinimumGroupSize);
        var rows = await ratings.TrySubmitAsync(key!, caller.AadObjectId, new PendingRating(support!.Value, impact!.Value, cell.Unit, cell.Level), cancellationToken);
        if (rows is null)
        {
            return ConsultationResult.Fail(ConsultationProblem.AlreadyDone, "You have already rated this proposal; your first rating counts.", consultation);
        }

        // The window may have ended while this was written: then it is taken back, so it is counted or refused, never both.
        if (await consultations.FindAsync(consultation.Id, cancellationToken) is not { Status: ConsultationStatus.Open })
        {
            await ratings.WithdrawAsync(consultation.Id, rows.Value, cancellationToken);
            return ConsultationResult.Fail(ConsultationProblem.Closed, $"Input on \"{consultation.Title}\" closed just now, so your rating was not counted.", consultation);
        }

        return ConsultationResult.Done(consultation, $"Your rating was recorded. It is counted only with at least {MinimumGroupSize} others, after the window closes.");
    }

    /// <summary>Raises a concern, an idea or a clarifying question, named or anonymous.</summary>
    /// <param name="submitId">The form's random id: the same id is the same item (a retry, a second press).</param>
    /// <param name="force">Raise it even though a similar item is on the board.</param>
    public async Task<ConsultationResult> RaiseAsync(Caller caller, string? id, ConcernKind kind, string? text, bool anonymous, string? submitId, bool force, CancellationToken cancellationToken)
    {
        var (consultation, key, problem) = await ForInputAsync(caller, id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var clean = CardText.Clean(text, Options.MaxConcernLength + 1);
        if (clean.Length < Options.MinConcernLength || clean.Length > Options.MaxConcernLength)
        {
            return ConsultationResult.Fail(ConsultationProblem.Invalid, $"Write between {Options.MinConcernLength} and {Options.MaxConcernLength} characters.", consultation);
        }

        if (anonymous && !OffersAnonymity(consultation!))
        {
            // Refused rather than stored with a name: the person must see it would be named.
            return ConsultationResult.Fail(ConsultationProblem.Invalid, $"This consultation's audience is smaller than {MinimumGroupSize}, too few to stay anonymous among: raise it with your name.", consultation);
        }

        var submitHash = string.IsNullOrWhiteSpace(submitId) ? "" : key!.Hash("consultation-submit", submitId);
        var existing = await concerns.ListAsync(consultation!.Id, cancellationToken);
        if (submitHash.Length > 0 && existing.FirstOrDefault(c => c.SubmitHash == submitHash) is { } again)
        {
            return ConsultationResult.Done(consultation, $"#{again.Number} is on the board.", again);
        }

        if (!force && DuplicateDetector.FindDuplicate(clean, existing.Where(c => c.StateValue == ConcernState.Open), c => c.Text) is { } duplicate)
        {
            return new ConsultationResult(ConsultationProblem.Duplicate, $"#{duplicate.Number} on the board says something similar. Upvote it, or raise yours anyway.", consultation, duplicate) { Duplicate = duplicate };
        }

        var (_, numbered) = await consultations.UpdateAsync(consultation.Id, c => c.TakeNumber(), cancellationToken);
        var concern = new ConcernEntity
        {
            PartitionKey = consultation.Id,
            RowKey = ConcernEntity.IdOf(numbered!.ConcernCount),
            Number = numbered.ConcernCount,
            Kind = kind.ToString().ToLowerInvariant(),
            Text = clean,
            Anonymous = anonymous,
            AuthorPersonId = anonymous ? "" : caller.Person!.Id,
            SubmitHash = submitHash,
        };
        await concerns.TryAddAsync(concern, cancellationToken);
        return ConsultationResult.Done(numbered, $"Added to the board as #{concern.Number}{(anonymous ? ", without your name" : ", with your name")}.", concern);
    }

    /// <summary>Upvotes (or takes back the vote on) an open item; a merged item passes the vote to the one it was merged into.</summary>
    public async Task<ConsultationResult> VoteAsync(Caller caller, string? id, string? concernId, bool on, CancellationToken cancellationToken)
    {
        var (consultation, key, problem) = await ForInputAsync(caller, id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var concern = await concerns.FindAsync(consultation!.Id, concernId, cancellationToken);
        if (concern is { StateValue: ConcernState.Merged })
        {
            concern = await concerns.FindAsync(consultation.Id, concern.MergedInto, cancellationToken);
        }

        if (concern is null)
        {
            return ConsultationResult.Fail(ConsultationProblem.NotFound, "That item is no longer on the board.", consultation);
        }

        var voter = ConcernVoteRepository.VoterHash(key!, caller.AadObjectId);
        var changed = on
            ? await votes.TryAddAsync(consultation.Id, concern.Id, voter, cancellationToken)
            : await votes.TryRemoveAsync(consultation.Id, concern.Id, voter, cancellationToken);
        var now = changed ? await RecountAsync(consultation.Id, concern.Id, cancellationToken) : concern;
        return ConsultationResult.Done(consultation, on ? $"You upvoted #{concern.Number}." : $"Your vote on #{concern.Number} was taken back.", now);
    }

    /// <summary>The count is the number of distinct voter rows, so no sequence of votes and merges can count a person twice.</summary>
    private async Task<ConcernEntity?> RecountAsync(string consultationId, string concernId, CancellationToken cancellationToken)
    {
        var count = (await votes.VotersAsync(consultationId, concernId, cancellationToken)).Count;
        return await concerns.UpdateAsync(consultationId, concernId, c =>
        {
            if (c.Votes == count)
            {
                return false;
            }

            c.Votes = count;
            return true;
        }, cancellationToken);
    }

    /// <summary>Offers (or withdraws the offer) to join a roundtable, by name: the executive sees who offered.</summary>
    public async Task<ConsultationResult> VolunteerAsync(Caller caller, string? id, bool on, CancellationToken cancellationToken)
    {
        var (consultation, _, problem) = await ForInputAsync(caller, id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (on)
        {
            await volunteers.TryAddAsync(consultation!.Id, caller.Person!.Id, cancellationToken);
        }
        else
        {
            await volunteers.TryRemoveAsync(consultation!.Id, caller.Person!.Id, cancellationToken);
        }

        return ConsultationResult.Done(consultation, on ? "Thank you: the executive will see your name as a roundtable volunteer." : "Your roundtable offer was withdrawn.");
    }

    public Task<bool> IsVolunteerAsync(ConsultationRecord consultation, Caller caller, CancellationToken cancellationToken) =>
        caller.Person is null ? Task.FromResult(false) : volunteers.IsVolunteerAsync(consultation.Id, caller.Person.Id, cancellationToken);
}
