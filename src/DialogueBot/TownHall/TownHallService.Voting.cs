using DialogueBot.Infrastructure.Storage;
using DialogueBot.Org;
using DialogueBot.TownHall.QuestionFollowers;
using DialogueBot.TownHall.Questions;
using DialogueBot.TownHall.QuestionVotes;

namespace DialogueBot.TownHall;

/// <summary>Voting: one vote per person per question, keyed with the town hall's scope key, counted exactly.</summary>
public sealed partial class TownHallService
{
    /// <summary>Sets the caller's vote to <paramref name="on"/> (idempotent: a repeated press changes nothing). Voting also follows.</summary>
    public async Task<VoteResult> SetVoteAsync(Caller caller, string townHallId, string questionId, bool on, CancellationToken cancellationToken)
    {
        var townHall = await townHalls.FindAsync(townHallId, cancellationToken);
        var question = townHall is null ? null : await questions.FindAsync(townHallId, questionId, cancellationToken);
        if (townHall is null || question is null)
        {
            return new VoteResult(TownHallProblem.NotFound, "That question no longer exists.", false, 0);
        }

        if (!TownHallAccess.IsInvited(townHall, caller))
        {
            return new VoteResult(TownHallProblem.NotAllowed, "This town hall is for another part of the organisation.", false, question.Votes, question);
        }

        if (question.State == QuestionState.Merged && on)
        {
            return await SetVoteAsync(caller, townHallId, question.MergedInto, on, cancellationToken);
        }

        if (question.State != QuestionState.Open)
        {
            return new VoteResult(TownHallProblem.NotOpen, "Votes are closed for this question: it was answered, dismissed or withdrawn.", false, question.Votes, question);
        }

        if (await keys.LiveAsync(townHall, cancellationToken) is not { } key)
        {
            return new VoteResult(TownHallProblem.NotOpen, "This town hall is finished: votes are closed.", false, question.Votes, question);
        }

        var voter = QuestionVoteRepository.VoterHash(key, caller.AadObjectId);
        var follower = QuestionFollowerRepository.FollowerHash(key, caller.AadObjectId);
        if (on)
        {
            await votes.TryAddAsync(townHallId, questionId, voter, cancellationToken);
            await followers.FollowAsync(key, townHallId, questionId, follower, caller.Person!.Id, cancellationToken);
        }
        else
        {
            await votes.TryRemoveAsync(townHallId, questionId, voter, cancellationToken);
            await followers.UnfollowAsync(townHallId, questionId, follower, cancellationToken);
        }

        var counted = await RecountAsync(townHallId, questionId, cancellationToken);
        return new VoteResult(TownHallProblem.None, on ? "Your vote counts." : "Your vote was removed.", on, counted?.Votes ?? 0, counted);
    }

    /// <summary>Recounts that keep seeing votes land during their own count give the job up past this (a vote storm).</summary>
    private const int MaxRecounts = 64;

    /// <summary>
    /// Sets the stored count to the number of vote rows, exact under any concurrency. Count, write the count
    /// (the one ETag read-change-write, <see cref="TableUpdates"/>), then count again: when the counts differ a
    /// vote landed meanwhile, so count and write again. Whoever writes last has checked after its write that
    /// the count it wrote is the number of rows, and a writer with a stale count always sees the difference.
    /// A recount that loses every attempt to other writers (<see cref="TableUpdateContentionException"/>)
    /// stops without writing: each of them wrote after this vote was stored, and checks after writing, so the
    /// last of them counts it. A crash between a vote and its count is healed by the next one.
    /// </summary>
    public async Task<QuestionEntity?> RecountAsync(string townHallId, string questionId, CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxRecounts; round++)
        {
            var count = (await votes.ListAsync(townHallId, questionId, cancellationToken)).Count;
            QuestionEntity? question;
            try
            {
                question = await questions.UpdateAsync(townHallId, questionId, q =>
                {
                    if (q.Votes == count)
                    {
                        return false;
                    }

                    q.Votes = count;
                    return true;
                }, cancellationToken);
            }
            catch (TableUpdateContentionException)
            {
                return await questions.FindAsync(townHallId, questionId, cancellationToken);
            }

            if (question is null)
            {
                return null;
            }

            if ((await votes.ListAsync(townHallId, questionId, cancellationToken)).Count == count)
            {
                return question;
            }
        }

        throw new TableUpdateContentionException(QuestionRepository.TableName, townHallId);
    }
}
