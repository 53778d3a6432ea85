using System.Text.Json;
using System.Text.Json.Serialization;

namespace DialogueBot.TownHall;

// The data of every townhall.* card verb, one record per verb: written by TownHallCards and BoardCard as the
// action's Data and read by TownHallRoutes with DataAs<T>() (camelCase on the wire; a missing or invalid
// field comes back named, for a problem card). Ids only, and the asker's own token on the asker's own card:
// nothing here names a person.

/// <summary>Which town hall a button is about; read alone when the verb's own data is not valid, to offer a way back to the board.</summary>
public sealed record TownHallRef(string TownHallId);

/// <summary>townhall.askForm: open the question form, pre-filled with <paramref name="Text"/> (what was typed after "ask", when a town hall had to be chosen first).</summary>
public sealed record AskFormData(string TownHallId, string? Text = null);

/// <summary>townhall.ask: the form's inputs (text, toggles as "true"/"false") and its random ask id.</summary>
/// <param name="Anonymous">Null: the town hall's default.</param>
/// <param name="Force">Ask even though it looks like a question already on the board.</param>
public sealed record AskData(string TownHallId, string? Text = null, bool? Anonymous = null, bool? Follow = null, bool? Force = null, string? AskId = null);

/// <summary>
/// townhall.board: where the viewer is on the board, and the asker tokens they came with (from their own
/// receipt card) so "mine" keeps showing their anonymous questions as they page, filter and refresh.
/// </summary>
public sealed record BoardData(string TownHallId, BoardFilter? Filter = null, int? Page = null, IReadOnlyList<string>? Tokens = null);

/// <summary>townhall.vote: on or off (absent: an upvote, as older cards sent), from a board place to return to.</summary>
public sealed record VoteData(string TownHallId, string QuestionId, bool? On = null, BoardFilter? Filter = null, int? Page = null, IReadOnlyList<string>? Tokens = null)
{
    [JsonIgnore]
    public BoardData Place => new(TownHallId, Filter, Page, Tokens);
}

/// <summary>townhall.edit: the new text, and the asker token that proves the question is theirs.</summary>
public sealed record EditData(string TownHallId, string QuestionId, string? Text = null, string? Token = null);

/// <summary>townhall.withdraw.</summary>
public sealed record WithdrawData(string TownHallId, string QuestionId, string? Token = null);

/// <summary>townhall.follow: "tell me when it is answered" on or off (absent: on).</summary>
public sealed record FollowData(string TownHallId, string QuestionId, string? Token = null, bool? On = null);

/// <summary>
/// townhall.moderate: the action and the board place to return to. The answer, link, reason and merge target
/// are inputs whose ids carry the question id (ids are unique on a card), so they arrive as extra fields.
/// </summary>
public sealed record ModerateData(string TownHallId, string QuestionId, ModerationAction Action, BoardFilter? Filter = null, int? Page = null, IReadOnlyList<string>? Tokens = null)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Inputs { get; init; }

    [JsonIgnore]
    public BoardData Place => new(TownHallId, Filter, Page, Tokens);

    /// <summary>The text of this question's input <paramref name="name"/> (see <see cref="BoardCard.InputId"/>), or null.</summary>
    public string? Input(string name) =>
        Inputs is not null && Inputs.TryGetValue(BoardCard.InputId(name, QuestionId), out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
