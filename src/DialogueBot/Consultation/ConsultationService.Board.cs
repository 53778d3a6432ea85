using DialogueBot.Cards;
using DialogueBot.Consultation.ConcernVotes;
using DialogueBot.Consultation.Concerns;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Consultation.Model;
using DialogueBot.Infrastructure.Text;
using DialogueBot.Org;

namespace DialogueBot.Consultation;

/// <summary>The concern board: ranked reading, answers and merges by whoever runs the consultation.</summary>
public sealed partial class ConsultationService
{
    public async Task<(ConcernBoard? Board, ConsultationResult? Problem)> BoardAsync(Caller caller, string? id, CancellationToken cancellationToken)
    {
        var found = await GetAsync(caller, id, cancellationToken);
        if (!found.Ok)
        {
            return (null, found);
        }

        var consultation = found.Consultation!;
        var org = await directory.GetAsync(cancellationToken);
        var items = await concerns.ListAsync(consultation.Id, cancellationToken);
        var canGiveInput = ConsultationAccess.IsConsulted(consultation, caller) && consultation.TakesInputAt(time.GetUtcNow());
        var voted = canGiveInput && await keys.FindAsync(consultation.Id, cancellationToken) is { } key
            ? await votes.VotedByAsync(consultation.Id, ConcernVoteRepository.VoterHash(key, caller.AadObjectId), cancellationToken)
            : [];

        ConcernView View(ConcernEntity c) => new(
            c.Id, c.Number, c.KindValue, c.Text,
            c.Anonymous ? null : org.FindById(c.AuthorPersonId)?.Name ?? "A former colleague",
            c.Votes, voted.Contains(c.Id), c.Answer, c.StateValue == ConcernState.Merged ? c.MergedInto : null);

        var open = items.Where(c => c.StateValue == ConcernState.Open).OrderByDescending(c => c.Votes).ThenBy(c => c.Number).ToList();
        var canManage = ConsultationAccess.CanManage(consultation, caller);
        return (new ConcernBoard(
            consultation,
            open.Select(View).ToList(),
            items.Where(c => c.StateValue == ConcernState.Merged).OrderBy(c => c.Number).Select(View).ToList(),
            canManage ? Suggestions(open) : [],
            canManage,
            canGiveInput), null);
    }

    /// <summary>Pairs of open items the shared detector finds alike: the later one merges into the earlier.</summary>
    private static List<MergeSuggestion> Suggestions(List<ConcernEntity> open) =>
        open.OrderBy(c => c.Number)
            .SelectMany((later, i) => open.Where(earlier => earlier.Number < later.Number)
                .Select(earlier => new MergeSuggestion(later.Id, earlier.Id, DuplicateDetector.Similarity(later.Text, earlier.Text))))
            .Where(s => s.Similarity >= DuplicateDetector.Threshold)
            .OrderByDescending(s => s.Similarity)
            .Take(10)
            .ToList();

    private async Task<(ConsultationRecord? Consultation, ConsultationResult? Problem)> ForManagingAsync(Caller caller, string? id, CancellationToken cancellationToken)
    {
        var consultation = await consultations.FindAsync(id, cancellationToken);
        if (consultation is null)
        {
            return (null, ConsultationResult.Fail(ConsultationProblem.NotFound, "That consultation no longer exists."));
        }

        return ConsultationAccess.CanManage(consultation, caller)
            ? (consultation, null)
            : (consultation, ConsultationResult.Fail(ConsultationProblem.NotAllowed, "Only the executive running this consultation can do that.", consultation));
    }

    /// <summary>Answers an item (a concern, an idea or a question); a new answer replaces the old one. Possible until the outcome is decided.</summary>
    public async Task<ConsultationResult> AnswerAsync(Caller caller, string? id, string? concernId, string? answer, CancellationToken cancellationToken)
    {
        var (consultation, problem) = await ForManagingAsync(caller, id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var clean = CardText.Clean(answer, Options.MaxAnswerLength + 1);
        if (clean.Length == 0 || clean.Length > Options.MaxAnswerLength)
        {
            return ConsultationResult.Fail(ConsultationProblem.Invalid, $"Write an answer of up to {Options.MaxAnswerLength} characters.", consultation);
        }

        var updated = await concerns.UpdateAsync(consultation!.Id, concernId ?? "", c =>
        {
            if (c.Answer == clean)
            {
                return false;
            }

            c.Answer = clean;
            return true;
        }, cancellationToken);
        return updated is null
            ? ConsultationResult.Fail(ConsultationProblem.NotFound, "That item is no longer on the board.", consultation)
            : ConsultationResult.Done(consultation, $"#{updated.Number} is answered on the board.", updated);
    }

    /// <summary>
    /// Merges one item into another: the source's voter pseudonyms are added to the target (a person who voted
    /// for both is one row, so counts once), the target is recounted from its rows, the source is marked merged.
    /// Each step is idempotent, so a retry after a failure finishes the job.
    /// </summary>
    public async Task<ConsultationResult> MergeAsync(Caller caller, string? id, string? sourceId, string? targetId, CancellationToken cancellationToken)
    {
        var (consultation, problem) = await ForManagingAsync(caller, id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (consultation!.Status == ConsultationStatus.Decided)
        {
            return ConsultationResult.Fail(ConsultationProblem.Closed, "The outcome is decided: the board is final.", consultation);
        }

        var source = await concerns.FindAsync(consultation.Id, sourceId, cancellationToken);
        var target = await concerns.FindAsync(consultation.Id, targetId, cancellationToken);
        if (source is null || target is null || source.Id == target.Id || target.StateValue != ConcernState.Open)
        {
            return ConsultationResult.Fail(ConsultationProblem.Invalid, "Choose two different items of this consultation, the second one still open.", consultation);
        }

        if (source.StateValue == ConcernState.Merged && source.MergedInto != target.Id)
        {
            return ConsultationResult.Fail(ConsultationProblem.Invalid, $"#{source.Number} is already merged into another item.", consultation);
        }

        foreach (var voter in await votes.VotersAsync(consultation.Id, source.Id, cancellationToken))
        {
            await votes.TryAddAsync(consultation.Id, target.Id, voter, cancellationToken);
            await votes.TryRemoveAsync(consultation.Id, source.Id, voter, cancellationToken);
        }

        await concerns.UpdateAsync(consultation.Id, source.Id, c => c.MarkMergedInto(target.Id), cancellationToken);
        await RecountAsync(consultation.Id, source.Id, cancellationToken);
        var merged = await RecountAsync(consultation.Id, target.Id, cancellationToken);
        return ConsultationResult.Done(consultation, $"#{source.Number} was merged into #{target.Number}: {merged?.Votes ?? 0} distinct voters.", merged);
    }
}
