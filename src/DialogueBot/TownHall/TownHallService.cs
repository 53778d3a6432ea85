using DialogueBot.Cards;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.TownHall.QuestionFollowers;
using DialogueBot.TownHall.Questions;
using DialogueBot.TownHall.QuestionVotes;
using DialogueBot.TownHall.TownHalls;
using Microsoft.Extensions.Options;

namespace DialogueBot.TownHall;

/// <summary>
/// The town hall's rules in one place, used alike by the chat routes, the API and the tab: asking, editing
/// and withdrawing, voting, following, moderating and answering. Every check of who may do what is here.
/// </summary>
public sealed class TownHallService(
    TownHallRepository townHalls,
    QuestionRepository questions,
    QuestionVoteRepository votes,
    QuestionFollowerRepository followers,
    IdentityHasher hasher,
    WorkQueue work,
    OrgDirectory directory,
    IOptions<TownHallOptions> options,
    TimeProvider time)
{
    private TownHallOptions Options => options.Value;

    public Task<TownHallEntity?> FindAsync(string? townHallId, CancellationToken cancellationToken) =>
        townHallId is null ? Task.FromResult<TownHallEntity?>(null) : townHalls.FindAsync(townHallId, cancellationToken);

    /// <summary>The town hall a person most likely means: one open for questions, else the next or latest event.</summary>
    public async Task<TownHallEntity?> CurrentForAsync(Caller caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var visible = (await townHalls.ListAsync(cancellationToken)).Where(t => TownHallAccess.CanSeeBoard(t, caller)).ToList();
        return visible.Where(t => t.IsOpenAt(now)).OrderBy(t => t.EventAt).FirstOrDefault()
            ?? visible.Where(t => t.EventAt >= now).OrderBy(t => t.EventAt).FirstOrDefault()
            ?? visible.OrderByDescending(t => t.EventAt).FirstOrDefault();
    }

    public string VoterHash(string townHallId, Caller caller) => hasher.Hash(HashPurpose.QuestionVote, townHallId, caller.AadObjectId);

    public string FollowerHash(string townHallId, Caller caller) => hasher.Hash(HashPurpose.QuestionFollower, townHallId, caller.AadObjectId);

    // Scoped to the single question: two anonymous questions by one person carry unrelated values.
    public string AuthorHash(string townHallId, string questionId, Caller caller) => hasher.Hash(HashPurpose.QuestionAuthor, townHallId + ":" + questionId, caller.AadObjectId);

    public bool IsAuthor(QuestionEntity question, Caller caller) =>
        caller.AadObjectId.Length > 0 && question.AuthorHash.Length > 0 && question.AuthorHash == AuthorHash(question.TownHallId, question.Id, caller);

    public async Task<QuestionResult> AskAsync(Caller caller, string townHallId, string? text, bool anonymous, bool follow, bool force, CancellationToken cancellationToken)
    {
        var townHall = await townHalls.FindAsync(townHallId, cancellationToken);
        if (townHall is null)
        {
            return QuestionResult.Fail(TownHallProblem.NotFound, "That town hall no longer exists.");
        }

        if (!TownHallAccess.IsInvited(townHall, caller))
        {
            return QuestionResult.Fail(TownHallProblem.NotAllowed, "This town hall is for another part of the organisation, so you cannot ask here.", townHall);
        }

        if (WindowProblem(townHall) is { } closed)
        {
            return QuestionResult.Fail(TownHallProblem.Closed, closed, townHall);
        }

        var (clean, problem) = CheckText(text);
        if (problem is not null)
        {
            return QuestionResult.Fail(TownHallProblem.Invalid, problem, townHall);
        }

        var asked = await questions.ListAsync(townHallId, cancellationToken);

        // Teams retries an invoke it got no timely answer to, and people press twice: the same words from the
        // same asker are that first question, answered as it was, never a second one (nor a "looks like a
        // duplicate" offer about their own question). The hash is per question, so only same-text ones are hashed.
        if (asked.FirstOrDefault(q => q.State is (QuestionStates.Open or QuestionStates.Pending) && string.Equals(q.Text, clean, StringComparison.Ordinal) && IsAuthor(q, caller)) is { } again)
        {
            return QuestionResult.Done(townHall, again, PostedMessage(again));
        }

        if (!force)
        {
            var open = asked.Where(q => q.State is QuestionStates.Open).ToList();
            if (DuplicateDetector.FindDuplicate(clean, open, q => q.Text) is { } duplicate)
            {
                return new QuestionResult(TownHallProblem.Duplicate, "A question like yours is already on the board.", townHall, Duplicate: duplicate);
            }
        }

        var number = await townHalls.TakeNumberAsync(townHallId, cancellationToken);
        var question = new QuestionEntity
        {
            PartitionKey = townHallId,
            RowKey = QuestionEntity.IdOf(number),
            Text = clean,
            Anonymous = anonymous,
            AuthorPersonId = anonymous ? "" : caller.Person!.Id,
            State = townHall.PreModeration ? QuestionStates.Pending : QuestionStates.Open,
        };
        question.AuthorHash = AuthorHash(townHallId, question.Id, caller);
        await questions.TryAddAsync(question, cancellationToken);

        if (follow && anonymous)
        {
            // Becomes an ordinary upvote-and-follow, later and through the vote path: see docs/anonymity.md.
            var max = Options.AnonymousFollowMaxDelay;
            var delay = max <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromSeconds(Random.Shared.NextDouble() * max.TotalSeconds);
            var key = hasher.Derive(HashPurpose.WorkKey, $"follow:{townHallId}:{question.Id}:{caller.Person!.Id}");
            await work.EnqueueAsync(TownHallWorkKinds.Follow, key, new FollowWork(townHallId, question.Id, caller.Person.Id), delay, cancellationToken);
        }

        return QuestionResult.Done(townHall, question, PostedMessage(question));
    }

    private static string PostedMessage(QuestionEntity question) =>
        question.State == QuestionStates.Pending ? "The hosts review questions before they appear on the board; yours will show once approved." : "";

    public async Task<QuestionResult> EditAsync(Caller caller, string townHallId, string questionId, string? text, CancellationToken cancellationToken)
    {
        var (townHall, question, problem) = await LoadOwnAsync(caller, townHallId, questionId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (WindowProblem(townHall!) is { } closed)
        {
            return QuestionResult.Fail(TownHallProblem.Closed, closed, townHall);
        }

        var (clean, invalid) = CheckText(text);
        if (invalid is not null)
        {
            return QuestionResult.Fail(TownHallProblem.Invalid, invalid, townHall);
        }

        var updated = await questions.UpdateAsync(townHallId, questionId, q =>
        {
            if (q.State is not (QuestionStates.Open or QuestionStates.Pending))
            {
                return false;
            }

            q.Text = clean;
            return true;
        }, cancellationToken);
        return updated is { State: QuestionStates.Open or QuestionStates.Pending } && updated.Text == clean
            ? QuestionResult.Done(townHall!, updated, "Your question was updated.")
            : QuestionResult.Fail(TownHallProblem.NotOpen, "This question can no longer be changed: it was answered, dismissed or merged.", townHall);
    }

    public async Task<QuestionResult> WithdrawAsync(Caller caller, string townHallId, string questionId, CancellationToken cancellationToken)
    {
        var (townHall, _, problem) = await LoadOwnAsync(caller, townHallId, questionId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // Withdrawn text is erased, not just hidden: the asker changed their mind.
        var updated = await questions.UpdateAsync(townHallId, questionId, q =>
        {
            if (q.State is not (QuestionStates.Open or QuestionStates.Pending))
            {
                return false;
            }

            q.State = QuestionStates.Withdrawn;
            q.Text = "";
            q.Pinned = false;
            return true;
        }, cancellationToken);
        return updated?.State == QuestionStates.Withdrawn
            ? QuestionResult.Done(townHall!, updated, "Your question was withdrawn.")
            : QuestionResult.Fail(TownHallProblem.NotOpen, "This question can no longer be withdrawn: it was answered, dismissed or merged.", townHall);
    }

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

        var voter = VoterHash(townHallId, caller);
        var follower = FollowerHash(townHallId, caller);
        if (on)
        {
            await votes.TryAddAsync(townHallId, questionId, voter, cancellationToken);
            await followers.FollowAsync(townHallId, questionId, follower, caller.Person!.Id, cancellationToken);
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
            ModerationAction.Approve => await ChangeStateAsync(townHall, question, [QuestionStates.Pending], q => q.State = QuestionStates.Open, "Approved: the question is on the board.", cancellationToken),
            ModerationAction.Dismiss => await DismissAsync(townHall, question, text, cancellationToken),
            ModerationAction.Pin => await ChangeStateAsync(townHall, question, [QuestionStates.Open, QuestionStates.Answered], q => q.Pinned = true, "Pinned to the top of the board.", cancellationToken),
            ModerationAction.Unpin => await ChangeStateAsync(townHall, question, [QuestionStates.Open, QuestionStates.Answered], q => q.Pinned = false, "Unpinned.", cancellationToken),
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

        return await ChangeStateAsync(townHall, question, [QuestionStates.Open, QuestionStates.Pending], q =>
        {
            q.State = QuestionStates.Dismissed;
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

        var result = await ChangeStateAsync(townHall, question, [QuestionStates.Open, QuestionStates.Pending, QuestionStates.Answered], q =>
        {
            q.State = QuestionStates.Answered;
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
    /// HMAC (a person who voted for both still counts once), a named asker follows the target, and the
    /// source is marked merged. Each step is idempotent, so a retry after a failure finishes the job.
    /// </summary>
    private async Task<QuestionResult> MergeAsync(TownHallEntity townHall, QuestionEntity source, string? intoId, CancellationToken cancellationToken)
    {
        if (intoId is null || intoId == source.Id || await questions.FindAsync(townHall.Id, intoId, cancellationToken) is not { } target)
        {
            return QuestionResult.Fail(TownHallProblem.Invalid, "Choose another question of this town hall to merge into.", townHall);
        }

        if (target.State is not (QuestionStates.Open or QuestionStates.Answered) || source.State is not (QuestionStates.Open or QuestionStates.Pending or QuestionStates.Merged))
        {
            return QuestionResult.Fail(TownHallProblem.NotOpen, "Only open questions can be merged, into an open or answered one.", townHall);
        }

        foreach (var vote in await votes.ListAsync(townHall.Id, source.Id, cancellationToken))
        {
            await votes.TryAddAsync(townHall.Id, target.Id, vote.VoterHash, cancellationToken);
            await votes.TryRemoveAsync(townHall.Id, source.Id, vote.VoterHash, cancellationToken);
        }

        foreach (var follower in await followers.ListAsync(townHall.Id, source.Id, cancellationToken))
        {
            await followers.FollowAsync(townHall.Id, target.Id, follower.FollowerHash, follower.PersonId, cancellationToken);
            await followers.RemoveAsync(follower, cancellationToken);
        }

        if (!source.Anonymous && source.AuthorPersonId.Length > 0 && (await directory.GetAsync(cancellationToken)).FindById(source.AuthorPersonId) is { } author)
        {
            var asCaller = new Caller(author.AadObjectId ?? author.Id, author);
            await followers.FollowAsync(townHall.Id, target.Id, FollowerHash(townHall.Id, asCaller), author.Id, cancellationToken);
        }

        await questions.UpdateAsync(townHall.Id, source.Id, q =>
        {
            q.State = QuestionStates.Merged;
            q.MergedInto = target.Id;
            q.Pinned = false;
            return true;
        }, cancellationToken);
        await RecountAsync(townHall.Id, source.Id, cancellationToken);
        var merged = await RecountAsync(townHall.Id, target.Id, cancellationToken);
        return QuestionResult.Done(townHall, merged!, $"Merged into #{target.Number}: votes combined.");
    }

    private async Task<QuestionResult> ChangeStateAsync(TownHallEntity townHall, QuestionEntity question, string[] allowedFrom, Action<QuestionEntity> change, string message, CancellationToken cancellationToken)
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
            ? QuestionResult.Fail(TownHallProblem.NotOpen, $"This question is {updated.State}, so that cannot be done now.", townHall)
            : QuestionResult.Done(townHall, updated, message);
    }

    private async Task<(TownHallEntity?, QuestionEntity?, QuestionResult?)> LoadOwnAsync(Caller caller, string townHallId, string questionId, CancellationToken cancellationToken)
    {
        var townHall = await townHalls.FindAsync(townHallId, cancellationToken);
        var question = townHall is null ? null : await questions.FindAsync(townHallId, questionId, cancellationToken);
        if (townHall is null || question is null)
        {
            return (townHall, null, QuestionResult.Fail(TownHallProblem.NotFound, "That question no longer exists.", townHall));
        }

        if (!IsAuthor(question, caller))
        {
            return (townHall, question, QuestionResult.Fail(TownHallProblem.NotAllowed, "Only the person who asked a question can change or withdraw it.", townHall));
        }

        return (townHall, question, null);
    }

    /// <summary>Null while questions are taken; otherwise a sentence saying when they were or will be.</summary>
    public string? WindowProblem(TownHallEntity townHall)
    {
        var now = time.GetUtcNow();
        if (now < townHall.OpensAt)
        {
            return $"Questions for \"{townHall.Title}\" open on {TownHallCards.Date(townHall.OpensAt)}. Ask again then.";
        }

        if (now >= townHall.ClosesAt)
        {
            return $"Questions for \"{townHall.Title}\" closed on {TownHallCards.Date(townHall.ClosesAt)}. You can still upvote and read the answers on the board.";
        }

        return null;
    }

    private (string Clean, string? Problem) CheckText(string? text)
    {
        var clean = CardText.Clean(text, Options.MaxQuestionLength + 1);
        if (clean.Length < Options.MinQuestionLength)
        {
            return (clean, $"Please write a question of at least {Options.MinQuestionLength} characters.");
        }

        if (clean.Length > Options.MaxQuestionLength)
        {
            return (clean, $"Questions are limited to {Options.MaxQuestionLength} characters; yours has {CardText.Clean(text, 100_000).Length}. Please shorten it.");
        }

        return (clean, null);
    }
}

public sealed record FollowWork(string TownHallId, string QuestionId, string PersonId);

public static class TownHallWorkKinds
{
    public const string FanOut = "townhall.fanout";
    public const string Follow = "townhall.follow";
    public const string Deliver = "townhall.deliver";
}
