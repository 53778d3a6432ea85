using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Recognition.Digests;

public sealed class DigestAudienceRepository(AppStorage storage)
{
    public const string TableName = "RecognitionDigest";

    private TableClient Table => storage.Table(TableName);

    public async Task<DigestAudience> GetAsync(CancellationToken cancellationToken) =>
        (await Table.FindAsync<DigestAudienceEntity>(DigestAudienceEntity.Partition, DigestAudienceEntity.Row, cancellationToken))?.Audience ?? DigestAudience.Default;

    /// <summary>HR's setting replaces the previous one whole (last writer wins: it is one person's choice, not a merge).</summary>
    public Task SetAsync(DigestAudience audience, string updatedBy, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new DigestAudienceEntity { Units = string.Join(';', audience.Units), Roles = (int)audience.Roles, UpdatedBy = updatedBy }, TableUpdateMode.Replace, cancellationToken);
}
