using System.Runtime.Serialization;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;

namespace DialogueBot.TownHall.Questions;

/// <summary>
/// A question, in its town hall's partition; the row key is its number (asking order). For an anonymous
/// question nothing here names the asker or can be tested against a person: <see cref="AuthorPersonId"/> is
/// empty, <see cref="AskerTokenHash"/> is the SHA-256 of a random token only the asker's own card (or browser)
/// holds, and <see cref="AskIdHash"/> the SHA-256 of the random id of the form it was asked from (so a retried
/// press finds it). Neither is derived from any person id. No time of asking is kept.
/// </summary>
public sealed partial class QuestionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Text { get; set; } = "";

    /// <summary>The state as stored (the column keeps its name and its lowercase words); code reads <see cref="State"/>.</summary>
    [DataMember(Name = "State")]
    public string StoredState { get; set; } = QuestionStates.ToStored(QuestionState.Open);

    [IgnoreDataMember]
    public QuestionState State
    {
        get => QuestionStates.FromStored(StoredState);
        set => StoredState = QuestionStates.ToStored(value);
    }

    public bool Anonymous { get; set; } = true;
    /// <summary>Org-chart id of the asker of a named question; empty for anonymous ones.</summary>
    public string AuthorPersonId { get; set; } = "";
    /// <summary>SHA-256 (base64url) of the asker's random token: edit, withdraw and "mine" prove it by presenting the token.</summary>
    public string AskerTokenHash { get; set; } = "";
    /// <summary>SHA-256 (base64url) of the random ask id the form carried: a retried or double-pressed ask is that question.</summary>
    public string AskIdHash { get; set; } = "";
    public int Votes { get; set; }
    public bool Pinned { get; set; }
    public string Answer { get; set; } = "";
    public string AnswerLink { get; set; } = "";
    public string DismissReason { get; set; } = "";
    /// <summary>True once HR erased the asker of this named question: the board shows "a former colleague" (Retention).</summary>
    public bool AuthorErased { get; set; }
    /// <summary>The question this one was merged into (its id), when <see cref="State"/> is merged.</summary>
    public string MergedInto { get; set; } = "";

    [IgnoreDataMember]
    public string TownHallId => PartitionKey;

    [IgnoreDataMember]
    public string Id => RowKey;

    [IgnoreDataMember]
    public int Number => int.TryParse(RowKey, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;

    public static string IdOf(int number) => number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsValidId(string? id) => id is { Length: 6 } && id.All(char.IsAsciiDigit);
}

/// <summary>Where a question is in its life: asked (maybe awaiting approval), then answered, dismissed, withdrawn or merged.</summary>
public enum QuestionState
{
    /// <summary>Waiting for a host's approval (pre-moderation on); only hosts and the asker see it.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,
    [JsonStringEnumMemberName("open")]
    Open,
    [JsonStringEnumMemberName("answered")]
    Answered,
    [JsonStringEnumMemberName("dismissed")]
    Dismissed,
    [JsonStringEnumMemberName("withdrawn")]
    Withdrawn,
    [JsonStringEnumMemberName("merged")]
    Merged,
}

/// <summary>The storage words of <see cref="QuestionState"/>, spelled out so renaming a member never changes a stored row.</summary>
public static class QuestionStates
{
    public static string ToStored(QuestionState state) => state switch
    {
        QuestionState.Pending => "pending",
        QuestionState.Open => "open",
        QuestionState.Answered => "answered",
        QuestionState.Dismissed => "dismissed",
        QuestionState.Withdrawn => "withdrawn",
        QuestionState.Merged => "merged",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a question state."),
    };

    public static QuestionState FromStored(string? stored) => stored switch
    {
        "pending" => QuestionState.Pending,
        "open" => QuestionState.Open,
        "answered" => QuestionState.Answered,
        "dismissed" => QuestionState.Dismissed,
        "withdrawn" => QuestionState.Withdrawn,
        "merged" => QuestionState.Merged,
        _ => throw new InvalidDataException($"'{stored}' is not a stored question state."),
    };

    /// <summary>Open and pending questions may still be edited, withdrawn, dismissed or answered.</summary>
    public static bool IsLive(this QuestionState state) => state is QuestionState.Open or QuestionState.Pending;
}
