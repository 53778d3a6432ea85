using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace DialogueBot.TownHall.QuestionVotes;

/// <summary>
/// "Someone voted for this question": partition = town hall, row = question id + "_" + the town hall's scope
/// key applied to the voter's AAD id (purpose "vote"; no master-secret HMAC). The row is the vote: inserting
/// it twice fails, so nobody votes twice; the same voter has the same value on every question of the town
/// hall, so merging two questions can tell a person who voted for both and count them once. The row holds
/// nothing else, and all of a town hall's vote rows are deleted (and its key destroyed) when it is finished;
/// the counts stay on the questions.
/// </summary>
public sealed class QuestionVoteEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    [IgnoreDataMember]
    public string QuestionId => RowKey[..RowKey.IndexOf('_', StringComparison.Ordinal)];

    [IgnoreDataMember]
    public string VoterHash => RowKey[(RowKey.IndexOf('_', StringComparison.Ordinal) + 1)..];

    public static string KeyOf(string questionId, string voterHash) => questionId + "_" + voterHash;
}
