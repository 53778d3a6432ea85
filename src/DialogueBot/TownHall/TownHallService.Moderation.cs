using DialogueBot.Org;
using DialogueBot.TownHall.QuestionFollowers;
using DialogueBot.TownHall.Questions;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.TownHall;

/// <summary>Moderation: approve, dismiss, pin, answer and merge, for the hosts and HR only.</summary>
public sealed partial class TownHallService
{
    public async Task<QuestionResult> ModerateAsync(Caller caller, string townHallId, string questionId, ModerationAction action, string? text, string? link, string? intoId, CancellationToken cancellationToken)
    {
        var townHall = await townHalls.FindAsync(townHallId, cancellationToken);
        if (townHall is null)
        {
            return QuestionResult.Fail(TownHallProblem.NotFound, "That town hall no longer exists.");
        }

        if (!TownHallAccess.CanModerate(townHall, caller))
        {
            return QuestionResult.Fail(TownHallProblem.NotAllowed, "Only the town hall's hosts and HR can moderate questions.", townHall);
        }

        if (await questions.FindAsync(townHallId, questionId, cancellationToken) is not { } question)
        {
            return QuestionResult.Fail(TownHallProblem.NotFound, "That question no longer exists.", townHall);
        }

        return action switch
        {
            ModerationAction.Approve => await ChangeStateAsync(townHall, question, q => q.Approve(), "Approved: the question is on the board.", cancellationToken),
            ModerationAction.Dismiss => await DismissAsync(townHall, question, text, cancellationToken),
            ModerationAction.Pin => await ChangeStateAsync(townHall, question, q => q.SetPinned(true), "Pinned to the top of the board.", cancellationToken),
            ModerationAction.Unpin => await ChangeStateAsync(townHall, question, q => q.SetPinned(false), "Unpinned.", cancellationToken),
            ModerationAction.Answer => await AnswerAsync(townHall, question, text, link, cancellationToken),
            ModerationAction.Merge => await MergeAsync(townHall, question, intoId, cancellationToken),
            _ => QuestionResult.Fail(TownHallProblem.Invalid, "Unknown moderation action.", townHall),
        };
    }

    private async Task<QuestionResult> DismissAsync(TownHallEntity townHall, QuestionEntity question, string? reason, CancellationToken cancellationToken)
    {
        var (clean, problem) = TownHallRules.CheckDismissReason(reason);
        return problem is not null
            ? QuestionResult.Fail(TownHallProblem.Invalid, problem, townHall)
            : await ChangeStateAsync(townHall, question, q => q.Dismiss(clean), "Dismissed.", cancellationToken);
    }

    private async Task<QuestionResult> AnswerAsync(TownHallEntity townHall, QuestionEntity question, string? answer, string? link, CancellationToken cancellationToken)
    {
        var (clean, cleanLink, problem) = TownHallRules.CheckAnswer(answer, link, Options.MaxAnswerLength);
        if (problem is not null)
        {
            return QuestionResult.Fail(TownHallProblem.Invalid, problem, townHall);
        }

        var result = await ChangeStateAsync(townHall, question, q => q.AnswerWith(clean, cleanLink), "Answered: the asker and everyone who upvoted will get the answer.", cancellationToken);
        if (result.Ok)
        {
            await TownHallFanOut.EnqueueAsync(work, townHall.Id, DeliveryKind.Answered, question.Id, cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Merges <paramref name="source"/> into another open question: its votes and followers move over by
    /// their scope-keyed pseudonyms (a person who voted for both still counts once), a named asker follows the target, and the
    /// source is marked merged. Each step is idempotent, so a retry after a failure finishes the job.
    /// </summary>
    private async Task<QuestionResult> MergeAsync(TownHallEntity townHall, QuestionEntity source, string? intoId, CancellationToken cancellationToken)
    {
        if (intoId is null || intoId == source.Id || await questions.FindAsync(townHall.Id, intoId, cancellationToken) is not { } target)
        {
            return QuestionResult.Fail(TownHallProblem.Invalid, "Choose another question of this town hall to merge into.", townHall);
        }

        if (!source.CanMergeInto(target))
        {
            return QuestionResult.Fail(TownHallProblem.NotOpen, "Only open questions can be merged, into an open or answered one.", townHall);
        }

        if (await keys.LiveAsync(townHall, cancellationToken) is not { } key)
        {
            return QuestionResult.Fail(TownHallProblem.NotOpen, "This town hall is finished: its questions can no longer be merged.", townHall);
        }

        foreach (var vote in await votes.ListAsync(townHall.Id, source.Id, cancellationToken))
        {
            await votes.TryAddAsync(townHall.Id, target.Id, vote.VoterHash, cancellationToken);
            await votes.TryRemoveAsync(townHall.Id, source.Id, vote.VoterHash, cancellationToken);
        }

        foreach (var follower in await followers.ListAsync(townHall.Id, source.Id, cancellationToken))
        {
            // The recipient is sealed to its row, so it is opened and sealed again for the target's row.
            if (QuestionFollowerRepository.RecipientOf(key, follower) is { } personId)
            {
                await followers.FollowAsync(key, townHall.Id, target.Id, follower.FollowerHash, personId, cancellationToken);
            }

            await followers.RemoveAsync(follower, cancellationToken);
        }

        if (!source.Anonymous && source.AuthorPersonId.Length > 0 && (await directory.GetAsync(cancellationToken)).FindById(source.AuthorPersonId) is { } author)
        {
            await followers.FollowAsync(key, townHall.Id, target.Id, QuestionFollowerRepository.FollowerHash(key, author.AadObjectId ?? author.Id), author.Id, cancellationToken);
        }

        await questions.UpdateAsync(townHall.Id, source.Id, q => q.MarkMergedInto(target.Id), cancellationToken);
        await RecountAsync(townHall.Id, source.Id, cancellationToken);
        var merged = await RecountAsync(townHall.Id, target.Id, cancellationToken);
        return QuestionResult.Done(townHall, merged!, $"Merged into #{target.Number}: votes combined.");
    }

    /// <summary>Applies a question transition in one ETag read-change-write; a transition its state refuses says so.</summary>
    private async Task<QuestionResult> ChangeStateAsync(TownHallEntity townHall, QuestionEntity question, Func<QuestionEntity, bool> transition, string message, CancellationToken cancellationToken)
    {
        var refused = false;
        var updated = await questions.UpdateAsync(townHall.Id, question.Id, q =>
        {
            refused = !transition(q);
            return !refused;
        }, cancellationToken);
        if (updated is null)
        {
            return QuestionResult.Fail(TownHallProblem.NotFound, "That question no longer exists.", townHall);
        }

        return refused
            ? QuestionResult.Fail(TownHallProblem.NotOpen, $"This question is {updated.StoredState}, so that cannot be done now.", townHall)
            : QuestionResult.Done(townHall, updated, message);
    }
}
