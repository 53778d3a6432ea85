using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace DialogueBot.TownHall.QuestionFollowers;

/// <summary>
/// "Tell this person when the question is answered": partition = town hall, row = question id + "_" + the
/// town hall's scope key applied to the follower's AAD id (purpose "follow"). The only other column is
/// <see cref="Recipient"/>, the follower's org-chart id sealed under the same key with the row key as context:
/// without the town hall's key nothing in a row can be read or tested, and once the hall is finished the key
/// and the rows are gone. Everyone who upvotes follows; an anonymous asker who asks to be told follows like
/// anyone else. Rows are deleted as each answer card goes out. See docs/anonymity.md, "Town hall".
/// </summary>
public sealed class QuestionFollowerEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The org-chart id of the person to tell, sealed with the town hall's scope key (context: the row key).</summary>
    public string Recipient { get; set; } = "";

    [IgnoreDataMember]
    public string QuestionId => RowKey[..RowKey.IndexOf('_', StringComparison.Ordinal)];

    [IgnoreDataMember]
    public string FollowerHash => RowKey[(RowKey.IndexOf('_', StringComparison.Ordinal) + 1)..];

    public static string KeyOf(string questionId, string followerHash) => questionId + "_" + followerHash;
}
