using DialogueBot.Org;
using DialogueBot.TownHall.Questions;
using DialogueBot.TownHall.QuestionVotes;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.TownHall;

/// <summary>One question as the board shows it. <see cref="Author"/> is a name only for named questions.</summary>
public sealed record BoardQuestion(
    string Id,
    int Number,
    string Text,
    QuestionState State,
    int Votes,
    bool Pinned,
    string? Author,
    string? Answer,
    string? AnswerLink,
    string? DismissReason,
    bool Mine,
    bool Voted);

/// <summary>The board for one viewer: ranked, filtered, with what they may do, and the asker tokens they presented.</summary>
public sealed record BoardView(TownHallEntity TownHall, BoardFilter Filter, IReadOnlyList<BoardQuestion> Questions, bool CanModerate, bool CanAsk, IReadOnlyList<string>? Tokens = null);

/// <summary>Builds the ranked board: pinned first, then most votes, then asked earlier.</summary>
public sealed class TownHallBoard(TownHallService service, QuestionRepository questions, QuestionVoteRepository votes, TownHallKeys keys, OrgDirectory directory)
{
    /// <summary>At most this many asker tokens are accepted per request (a person's own questions in one hall).</summary>
    public const int MaxTokens = 50;

    /// <param name="tokens">Asker tokens the viewer presented (from their receipt cards or their browser): "mine" is worked out from these alone for anonymous questions.</param>
    public async Task<BoardView> BuildAsync(TownHallEntity townHall, Caller caller, BoardFilter filter, IReadOnlyList<string>? tokens, CancellationToken cancellationToken)
    {
        tokens = tokens?.Where(AskerTokens.IsWellFormed).Distinct(StringComparer.Ordinal).Take(MaxTokens).ToList() ?? [];
        var canModerate = TownHallAccess.CanModerate(townHall, caller);
        var all = await questions.ListAsync(townHall.Id, cancellationToken);
        var key = caller.AadObjectId.Length == 0 ? null : await keys.FindAsync(townHall.Id, cancellationToken);
        var voted = key is null ? [] : await votes.VotedQuestionsAsync(townHall.Id, QuestionVoteRepository.VoterHash(key, caller.AadObjectId), cancellationToken);
        var org = await directory.GetAsync(cancellationToken);

        var shown = new List<BoardQuestion>();
        foreach (var q in all)
        {
            var mine = TownHallService.IsAuthor(q, caller, tokens);
            var include = filter switch
            {
                BoardFilter.Open => q.State == QuestionState.Open,
                BoardFilter.Answered => q.State == QuestionState.Answered,
                BoardFilter.Dismissed => q.State == QuestionState.Dismissed,
                BoardFilter.Pending => q.State == QuestionState.Pending && canModerate,
                BoardFilter.Mine => mine && q.State is not (QuestionState.Withdrawn),
                _ => false,
            };
            if (!include)
            {
                continue;
            }

            var author = q.AuthorErased && !q.Anonymous ? Retention.PersonEraser.FormerColleague
                : q.Anonymous || q.AuthorPersonId.Length == 0 ? null
                : org.FindById(q.AuthorPersonId)?.Name ?? "A colleague";
            shown.Add(new BoardQuestion(
                q.Id, q.Number, q.Text, q.State, q.Votes, q.Pinned, author,
                q.State == QuestionState.Answered ? q.Answer : null,
                q.State == QuestionState.Answered && q.AnswerLink.Length > 0 ? q.AnswerLink : null,
                q.State == QuestionState.Dismissed ? q.DismissReason : null,
                mine,
                voted.Contains(q.Id)));
        }

        var ranked = shown.OrderByDescending(q => q.Pinned).ThenByDescending(q => q.Votes).ThenBy(q => q.Number).ToList();
        return new BoardView(townHall, filter, ranked, canModerate, TownHallAccess.IsInvited(townHall, caller) && service.WindowProblem(townHall) is null, tokens);
    }

    public static bool TryParseFilter(string? value, out BoardFilter filter)
    {
        filter = BoardFilter.Open;
        return string.IsNullOrEmpty(value) || Enum.TryParse(value, ignoreCase: true, out filter) && Enum.IsDefined(filter);
    }
}
