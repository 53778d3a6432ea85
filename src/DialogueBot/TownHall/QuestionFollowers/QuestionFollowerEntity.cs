using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace DialogueBot.TownHall.QuestionFollowers;

/// <summary>
/// "Tell this person when the question is answered": partition = town hall, row = question id + "_" +
/// HMAC (purpose QuestionFollower, scope the town hall), holding the org-chart person id the bot needs to
/// reach them. Everyone who upvotes follows; an anonymous asker who chose to follow their own question is
/// added as an ordinary upvoter-follower, later and through the same path, so nothing here says who asked.
/// Rows are deleted once the answer has gone out. See docs/anonymity.md, "Town hall".
/// </summary>
public sealed class QuestionFollowerEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string PersonId { get; set; } = "";

    [IgnoreDataMember]
    public string QuestionId => RowKey[..RowKey.IndexOf('_', StringComparison.Ordinal)];

    [IgnoreDataMember]
    public string FollowerHash => RowKey[(RowKey.IndexOf('_', StringComparison.Ordinal) + 1)..];

    public static string KeyOf(string questionId, string followerHash) => questionId + "_" + followerHash;
}
