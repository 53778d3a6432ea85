using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Recognition.Nominations;

public sealed class NominationRepository(AppStorage storage)
{
    public const string TableName = "Nominations";

    private TableClient Table => storage.Table(TableName);

    /// <summary>The nomination id for a form's submit id: the same submit always names the same row.</summary>
    public static string IdFor(string submitId) =>
        "rn" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(submitId)))[..20];

    /// <summary>Ids come from cards and URLs: only our own shape is looked up.</summary>
    public static bool IsValidId(string? id) => id is { Length: 22 } && id.StartsWith("rn", StringComparison.Ordinal) && id[2..].All(char.IsAsciiHexDigitLower);

    /// <summary>Submit ids are random strings the form carries: 16–64 URL-safe characters.</summary>
    public static bool IsValidSubmitId(string? id) => id is { Length: >= 16 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string NewSubmitId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public Task<NominationEntity?> FindAsync(string? id, CancellationToken cancellationToken) =>
        IsValidId(id) ? Table.FindAsync<NominationEntity>(NominationEntity.Partition, id!, cancellationToken) : Task.FromResult<NominationEntity?>(null);

    public Task<bool> TryAddAsync(NominationEntity nomination, CancellationToken cancellationToken) => Table.TryAddAsync(nomination, cancellationToken);

    public Task<List<NominationEntity>> ListAsync(CancellationToken cancellationToken) =>
        Table.ListPartitionAsync<NominationEntity>(NominationEntity.Partition, cancellationToken);

    /// <summary>Featured nominations only, filtered by the table service (the board tab asks for these every few seconds).</summary>
    public async Task<List<NominationEntity>> ListFeaturedAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {NominationEntity.Partition} and State eq {nameof(Model.NominationState.Featured)}");
        var rows = new List<NominationEntity>();
        await foreach (var row in Table.QueryAsync<NominationEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The one read-change-write of a nomination (ETag, bounded retries).</summary>
    public Task<TableUpdate<NominationEntity>> UpdateAsync(string id, Func<NominationEntity, bool> change, CancellationToken cancellationToken) =>
        Table.UpdateAsync(NominationEntity.Partition, id, change, cancellationToken);

    public Task<bool> TryAddSlotAsync(NominationSlotEntity slot, CancellationToken cancellationToken) => Table.TryAddAsync(slot, cancellationToken);

    public Task<NominationSlotEntity?> FindSlotAsync(string month, string nominatorId, string nomineeId, CancellationToken cancellationToken) =>
        Table.FindAsync<NominationSlotEntity>(NominationSlotEntity.PartitionFor(month), NominationSlotEntity.RowFor(nominatorId, nomineeId), cancellationToken);

    /// <summary>Moves the slot to <paramref name="nominationId"/> if it still points where it did when read (ETag).</summary>
    public Task<bool> TryTakeSlotAsync(NominationSlotEntity slot, string nominationId, CancellationToken cancellationToken)
    {
        slot.NominationId = nominationId;
        return Table.TryReplaceAsync(slot, cancellationToken);
    }
}
