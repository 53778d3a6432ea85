using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Text;
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
/// and withdrawing, voting, following, moderating and answering, and creating town halls. Every check of who
/// may do what is here. One class in four files: asking (this file), town halls, voting, and moderation.
/// </summary>
public sealed partial class TownHallService(
    TownHallRepository townHalls,
    QuestionRepository questions,
    QuestionVoteRepository votes,
    QuestionFollowerRepository followers,
    TownHallKeys keys,
    WorkQueue work,
    Scheduler scheduler,
    OrgDirectory directory,
    IOptions<TownHallOptions> options,
    IOptions<AnonymityOptions> anonymity,
    TimeProvider time)
{
    private TownHallOptions Options => options.Value;

    /// <summary>k: the smallest audience in which an anonymous question stays anonymous.</summary>
    public int MinimumGroupSize => anonymity.Value.MinimumGroupSize;

    public Task<TownHallEntity?> FindAsync(string? townHallId, CancellationToken cancellationToken) =>
        townHallId is null ? Task.FromResult<TownHallEntity?>(null) : townHalls.FindAsync(townHallId, cancellationToken);

    /// <summary>
    /// The town hall a person most likely means when none is named: the first of <see cref="ListVisibleAsync"/>,
    /// so the "questions" card and the board tab opened without a hall show the same one.
    /// </summary>
    public async Task<TownHallEntity?> CurrentForAsync(Caller caller, CancellationToken cancellationToken) =>
        (await ListVisibleAsync(caller, cancellationToken)).FirstOrDefault();

    /// <summary>The town halls the caller may ask in now, soonest event first: "ask" asks which when there are several.</summary>
    public async Task<IReadOnlyList<TownHallEntity>> OpenForAskingAsync(Caller caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return (await townHalls.ListAsync(cancellationToken)).Where(t => t.IsOpenAt(now) && TownHallAccess.IsInvited(t, caller)).OrderBy(t => t.EventAt).ToList();
    }

    /// <summary>
    /// Anonymous asking needs an audience of at least k people: among fewer, "someone in the audience" is
    /// nearly a name. Counted from the org chart at the time of asking (hosts outside the audience do not count).
    /// </summary>
    public async Task<bool> OffersAnonymityAsync(TownHallEntity townHall, CancellationToken cancellationToken) =>
        (await directory.GetAsync(cancellationToken)).People.Count(p => TownHallAccess.IsInAudience(townHall, p)) >= MinimumGroupSize;

    /// <summary>
    /// The caller asked this question: by name for a named one, or by presenting its token (from their own card
    /// or browser) for any. No person id is ever compared against an anonymous question.
    /// </summary>
    public static bool IsAuthor(QuestionEntity question, Caller caller, IEnumerable<string>? tokens) =>
        (!question.Anonymous && question.AuthorPersonId.Length > 0 && caller.Person is { } person && string.Equals(person.Id, question.AuthorPersonId, StringComparison.OrdinalIgnoreCase))
        || AskerTokens.Proves(question, tokens);

    /// <param name="anonymous">Null: the town hall's default (named where anonymity is not offered).</param>
    /// <param name="askId">The random id the ask form carried; the same id is the same question (a retry or a second press).</param>
    public async Task<QuestionResult> AskAsync(Caller caller, string townHallId, string? text, bool? anonymous, bool follow, bool force, string? askId, CancellationToken cancellationToken)
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

        if (await keys.LiveAsync(townHall, cancellationToken) is not { } key)
        {
            return QuestionResult.Fail(TownHallProblem.Closed, $"\"{townHall.Title}\" is finished: it takes no more questions.", townHall);
        }

        var (clean, problem) = CheckText(text);
        if (problem is not null)
        {
            return QuestionResult.Fail(TownHallProblem.Invalid, problem, townHall);
        }

        var offered = await OffersAnonymityAsync(townHall, cancellationToken);
        var asAnonymous = TownHallRules.AsksAnonymously(anonymous, townHall.AnonymousByDefault, offered);
        if (asAnonymous && !offered)
        {
            // Refused rather than quietly stored with a name: the asker must see that it would be named.
            return QuestionResult.Fail(TownHallProblem.Invalid, NamedOnlyMessage, townHall);
        }

        // Without an id from a form (old cards, API clients that send none) there is nothing to recognise a
        // retry by: a fresh id makes it a new question.
        askId = AskerTokens.IsWellFormed(askId) ? askId! : AskerTokens.NewAskId();
        var token = AskerTokens.TokenFor(key, askId);
        var followerHash = QuestionFollowerRepository.FollowerHash(key, caller.AadObjectId);
        var asked = await questions.ListAsync(townHallId, cancellationToken);

        // Teams retries an invoke it got no timely answer to, and people press twice: the same ask id is that
        // first question, answered as it was, never a second one (nor a "looks like a duplicate" offer).
        var askIdHash = AskerTokens.Digest(askId);
        if (asked.FirstOrDefault(q => q.AskIdHash == askIdHash) is { } again)
        {
            var following = await followers.IsFollowingAsync(townHallId, again.Id, followerHash, cancellationToken);
            return QuestionResult.Done(townHall, again, PostedMessage(again)) with { AskerToken = token, Following = following };
        }

        if (!force)
        {
            var open = asked.Where(q => q.State is QuestionState.Open).ToList();
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
            Anonymous = asAnonymous,
            AuthorPersonId = asAnonymous ? "" : caller.Person!.Id,
            State = townHall.PreModeration ? QuestionState.Pending : QuestionState.Open,
            AskerTokenHash = AskerTokens.Digest(token),
            AskIdHash = askIdHash,
        };
        await questions.TryAddAsync(question, cancellationToken);

        // "Tell me when it is answered" is an ordinary follower row, written now: keyed and sealed with the town
        // hall's key, it says neither who follows nor that this follower asked. A named asker always hears the
        // answer (they are named anyway), as before.
        var follows = follow || !asAnonymous;
        if (follows)
        {
            await followers.FollowAsync(key, townHallId, question.Id, followerHash, caller.Person!.Id, cancellationToken);
        }

        return QuestionResult.Done(townHall, question, PostedMessage(question)) with { AskerToken = token, Following = follows };
    }

    public string NamedOnlyMessage =>
        $"Questions in this town hall are named: its audience is smaller than {MinimumGroupSize} people, too few for anyone to stay anonymous among. Ask with your name, or in a town hall with a larger audience.";

    private static string PostedMessage(QuestionEntity question) =>
        question.State == QuestionState.Pending ? "The hosts review questions before they appear on the board; yours will show once approved." : "";

    public async Task<QuestionResult> EditAsync(Caller caller, string townHallId, string questionId, string? text, string? token, CancellationToken cancellationToken)
    {
        var (townHall, question, problem) = await LoadOwnAsync(caller, townHallId, questionId, token, cancellationToken);
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

        var updated = await questions.UpdateAsync(townHallId, questionId, q => q.Edit(clean), cancellationToken);
        return updated is not null && updated.State.IsLive() && updated.Text == clean
            ? QuestionResult.Done(townHall!, updated, "Your question was updated.") with { AskerToken = token, Following = await IsFollowingAsync(townHall!, questionId, caller, cancellationToken) }
            : QuestionResult.Fail(TownHallProblem.NotOpen, "This question can no longer be changed: it was answered, dismissed or merged.", townHall);
    }

    public async Task<QuestionResult> WithdrawAsync(Caller caller, string townHallId, string questionId, string? token, CancellationToken cancellationToken)
    {
        var (townHall, _, problem) = await LoadOwnAsync(caller, townHallId, questionId, token, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // Withdrawn text is erased, not just hidden: the asker changed their mind.
        var updated = await questions.UpdateAsync(townHallId, questionId, q => q.Withdraw(), cancellationToken);
        return updated?.State == QuestionState.Withdrawn
            ? QuestionResult.Done(townHall!, updated, "Your question was withdrawn.")
            : QuestionResult.Fail(TownHallProblem.NotOpen, "This question can no longer be withdrawn: it was answered, dismissed or merged.", townHall);
    }

    /// <summary>The asker turns "tell me when it is answered" on or off from their own card (the token proves it is theirs).</summary>
    public async Task<QuestionResult> SetFollowAsync(Caller caller, string townHallId, string questionId, string? token, bool on, CancellationToken cancellationToken)
    {
        var (townHall, question, problem) = await LoadOwnAsync(caller, townHallId, questionId, token, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!question!.State.IsLive() || await keys.LiveAsync(townHall!, cancellationToken) is not { } key)
        {
            return QuestionResult.Fail(TownHallProblem.NotOpen, "This question is no longer open, so following it changes nothing.", townHall);
        }

        var hash = QuestionFollowerRepository.FollowerHash(key, caller.AadObjectId);
        if (on)
        {
            await followers.FollowAsync(key, townHallId, questionId, hash, caller.Person!.Id, cancellationToken);
        }
        else
        {
            await followers.UnfollowAsync(townHallId, questionId, hash, cancellationToken);
        }

        return QuestionResult.Done(townHall!, question, on ? "You will get a card when it is answered." : "You will not get a card; the answer will be on the board.") with { AskerToken = token, Following = on };
    }

    private async Task<bool> IsFollowingAsync(TownHallEntity townHall, string questionId, Caller caller, CancellationToken cancellationToken) =>
        await keys.FindAsync(townHall.Id, cancellationToken) is { } key
        && await followers.IsFollowingAsync(townHall.Id, questionId, QuestionFollowerRepository.FollowerHash(key, caller.AadObjectId), cancellationToken);

    private async Task<(TownHallEntity?, QuestionEntity?, QuestionResult?)> LoadOwnAsync(Caller caller, string townHallId, string questionId, string? token, CancellationToken cancellationToken)
    {
        var townHall = await townHalls.FindAsync(townHallId, cancellationToken);
        var question = townHall is null ? null : await questions.FindAsync(townHallId, questionId, cancellationToken);
        if (townHall is null || question is null)
        {
            return (townHall, null, QuestionResult.Fail(TownHallProblem.NotFound, "That question no longer exists.", townHall));
        }

        if (!IsAuthor(question, caller, token is null ? null : [token]))
        {
            return (townHall, question, QuestionResult.Fail(TownHallProblem.NotAllowed, "Only the person who asked a question can change or withdraw it.", townHall));
        }

        return (townHall, question, null);
    }

    /// <summary>Null while questions are taken; otherwise a sentence saying when they were or will be.</summary>
    public string? WindowProblem(TownHallEntity townHall) => townHall.WindowAt(time.GetUtcNow()) switch
    {
        TownHallStatus.Upcoming => $"Questions for \"{townHall.Title}\" open on {TownHallDates.Text(townHall.OpensAt)}. Ask again then.",
        TownHallStatus.Closed => $"Questions for \"{townHall.Title}\" closed on {TownHallDates.Text(townHall.ClosesAt)}. You can still upvote and read the answers on the board.",
        _ => null,
    };

    private (string Clean, string? Problem) CheckText(string? text) => TownHallRules.CheckQuestionText(text, Options.MinQuestionLength, Options.MaxQuestionLength);
}
