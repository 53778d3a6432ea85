using DialogueBot.Cards;
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
            ModerationAction.Approve => await ChangeStateAsync(townHall, question, [QuestionState.Pending], q => q.State = QuestionState.Open, "Approved: the question is on the board.", cancellationToken),
            ModerationAction.Dismiss => await DismissAsync(townHall, question, text, cancellationToken),
            ModerationAction.Pin => await ChangeStateAsync(townHall, question, [QuestionState.Open, QuestionState.Answered], q => q.Pinned = true, "Pinned to the top of the board.", cancellationToken),
            ModerationAction.Unpin => await ChangeStateAsync(townHall, question, [QuestionState.Open, QuestionState.Answered], q => q.Pinned = false, "Unpinned.", cancellationToken),
            ModerationAction.Answer => await AnswerAsync(townHall, question, text, link, cancellationToken),
            ModerationAction.Merge => await MergeAsync(townHall, question, intoId, cancellationToken),
            _ => QuestionResult.Fail(TownHallProblem.Invalid, "Unknown moderation action.", townHall),
        };
    }

    private async Task<QuestionResult> DismissAsync(TownHallEntity townHall, QuestionEntity question, string? reason, CancellationToken cancellationToken)
    {
        var clean = CardText.Clean(reason, 300);
        if (clean.Length == 0)
        {
            return QuestionResult.Fail(TownHallProblem.Invalid, "Say briefly why the question is dismissed: the audience sees the reason.", townHall);
        }

        return await ChangeStateAsync(townHall, question, [QuestionState.Open, QuestionState.Pending], q =>
        {
            q.State = QuestionState.Dismissed;
            q.DismissReason = clean;
            q.Pinned = false;
        }, "Dismissed.", cancellationToken);
    }

    private async Task<QuestionResult> AnswerAsync(TownHallEntity townHall, QuestionEntity question, string? answer, string? link, CancellationToken cancellationToken)
    {
        var clean = CardText.Clean(answer, Options.MaxAnswerLength + 1);
        var cleanLink = (link ?? "").Trim();
        if (clean.Length == 0 && cleanLink.Length == 0)
        {
            return QuestionResult.Fail(TownHallProblem.Invalid, "Write an answer or give a link to one (a recording, a page).", townHall);
        }

        if (clean.Length > Options.MaxAnswerLength)
        {
            return QuestionResult.Fail(TownHallProblem.Invalid, $"Answers are limited to {Options.MaxAnswerLength} characters; link to a longer one.", townHall);
        }

        if (cleanLink.Length > 0 && (!Uri.TryCreate(cleanLink, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || cleanLink.Length > 1000))
        {
            return QuestionResult.Fail(TownHallProblem.Invalid, "The link must be a full https:// address.", townHall);
        }

        var result = await ChangeStateAsync(townHall, question, [QuestionState.Open, QuestionState.Pending, QuestionState.Answered], q =>
        {
            q.State = QuestionState.Answered;
            q.Answer = clean;
            q.AnswerLink = cleanLink;
        }, "Answered: the asker and everyone who upvoted will get the answer.", cancellationToken);
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

        if (target.State is not (QuestionState.Open or QuestionState.Answered) || source.State is not (QuestionState.Open or QuestionState.Pending or QuestionState.Merged))
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

        await questions.UpdateAsync(townHall.Id, source.Id, q =>
        {
            q.State = QuestionState.Merged;
            q.MergedInto = target.Id;
            q.Pinned = false;
            return true;
        }, cancellationToken);
        await RecountAsync(townHall.Id, source.Id, cancellationToken);
        var merged = await RecountAsync(townHall.Id, target.Id, cancellationToken);
        return QuestionResult.Done(townHall, merged!, $"Merged into #{target.Number}: votes combined.");
    }

    private async Task<QuestionResult> ChangeStateAsync(TownHallEntity townHall, QuestionEntity question, QuestionState[] allowedFrom, Action<QuestionEntity> change, string message, CancellationToken cancellationToken)
    {
        var refused = false;
        var updated = await questions.UpdateAsync(townHall.Id, question.Id, q =>
        {
            refused = !allowedFrom.Contains(q.State);
            if (refused)
            {
                return false;
            }

            change(q);
            return true;
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
