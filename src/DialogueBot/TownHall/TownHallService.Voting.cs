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

        if (question.State == QuestionStates.Merged && on)
        {
            return await SetVoteAsync(caller, townHallId, question.MergedInto, on, cancellationToken);
        }

        if (question.State != QuestionStates.Open)
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

    /// <summary>
    /// Sets the stored count to the number of vote rows. Always written with the ETag of the row read
    /// before counting: a writer whose count may be stale loses the race and counts again, so the last
    /// successful write counted after every vote that finished before it — exact under any concurrency,
    /// and a crash between a vote and its count is healed by the next one.
    /// </summary>
    public async Task<QuestionEntity?> RecountAsync(string townHallId, string questionId, CancellationToken cancellationToken)
    {
        var attempt = 0;
        while (true)
        {
            var question = await questions.FindAsync(townHallId, questionId, cancellationToken);
            if (question is null)
            {
                return null;
            }

            question.Votes = (await votes.ListAsync(townHallId, questionId, cancellationToken)).Count;
            if (await questions.TryReplaceAsync(question, cancellationToken))
            {
                return question;
            }

            await Task.Delay(Random.Shared.Next(1, 10 + Math.Min(attempt++, 20) * 5), cancellationToken);
        }
    }
}
