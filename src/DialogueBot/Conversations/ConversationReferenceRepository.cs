using Azure;
using Azure.Data.Tables;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Conversations;

/// <summary>Stores where each installed user can be reached.</summary>
public sealed class ConversationReferenceRepository(AppStorage storage, TimeProvider time)
{
    public const string TableName = "ConversationReferences";

    private TableClient Table => storage.Table(TableName);

    public Task<ConversationReferenceEntity?> FindAsync(string aadObjectId, CancellationToken cancellationToken = default) =>
        Table.FindAsync<ConversationReferenceEntity>(ConversationReferenceEntity.PersonalPartition, aadObjectId.ToLowerInvariant(), cancellationToken);

    /// <summary>
    /// Records (or refreshes) a user's 1:1 conversation from an install event, and reports whether the
    /// welcome card is still owed for it. Concurrent install events for one user settle through the ETag.
    /// </summary>
    public async Task<ConversationReferenceEntity> SaveFromActivityAsync(string aadObjectId, Activity activity, CancellationToken cancellationToken)
    {
        var key = aadObjectId.ToLowerInvariant();
        for (var attempt = 0; ; attempt++)
        {
            var existing = await FindAsync(key, cancellationToken);
            var row = existing ?? new ConversationReferenceEntity { RowKey = key, InstalledAt = time.GetUtcNow() };
            row.UserId = activity.From?.Id;
            row.ConversationId = activity.Conversation?.Id;
            row.ServiceUrl = activity.ServiceUrl ?? row.ServiceUrl;
            row.TenantId = activity.Conversation?.TenantId ?? activity.ChannelData?.Tenant?.Id ?? row.TenantId;
            row.BotId = activity.Recipient?.Id;
            row.ChannelId = activity.ChannelId ?? row.ChannelId;
            row.UnreachableSince = null;
            row.UnreachableReason = null;

            var saved = existing is null ? await Table.TryAddAsync(row, cancellationToken) : await Table.TryReplaceAsync(row, cancellationToken);
            if (saved)
            {
                return row;
            }

            if (attempt >= 5)
            {
                throw new RequestFailedException(409, "Could not save the conversation reference after several concurrent updates.");
            }
        }
    }

    /// <summary>Claims the right to send the welcome card to this conversation; false when it is already sent or claimed.</summary>
    public async Task<bool> TryClaimWelcomeAsync(ConversationReferenceEntity row, CancellationToken cancellationToken)
    {
        if (row.WelcomedConversationId == row.ConversationId)
        {
            return false;
        }

        row.WelcomedConversationId = row.ConversationId;
        return await Table.TryReplaceAsync(row, cancellationToken);
    }

    /// <summary>Gives the claim back when the welcome could not be sent, so the retried event sends it.</summary>
    public async Task ReleaseWelcomeAsync(ConversationReferenceEntity row, CancellationToken cancellationToken)
    {
        row.WelcomedConversationId = null;
        await Table.TryReplaceAsync(row, cancellationToken);
    }

    public async Task RemoveAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(ConversationReferenceEntity.PersonalPartition, aadObjectId.ToLowerInvariant(), ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone: uninstall events repeat.
        }
    }

    /// <summary>
    /// Records that the person cannot be reached and why, so no fan-out tries them again until they install
    /// the app themselves (<see cref="SaveFromActivityAsync"/> clears it). A person with no row yet (a refused
    /// install) gets one without a conversation.
    /// </summary>
    public async Task MarkUnreachableAsync(string aadObjectId, UnreachableReason reason, CancellationToken cancellationToken)
    {
        var key = aadObjectId.ToLowerInvariant();
        var update = await Table.UpdateAsync<ConversationReferenceEntity>(ConversationReferenceEntity.PersonalPartition, key, row =>
        {
            if (row.UnreachableSince is not null)
            {
                return false;
            }

            row.UnreachableSince = time.GetUtcNow();
            row.UnreachableReason = reason.ToString();
            return true;
        }, cancellationToken);
        if (update.Outcome == TableUpdateOutcome.NotFound)
        {
            await Table.TryAddAsync(new ConversationReferenceEntity { RowKey = key, UnreachableSince = time.GetUtcNow(), UnreachableReason = reason.ToString() }, cancellationToken);
        }
    }

    /// <summary>Records a team or group chat the bot was added to (for channel announcements).</summary>
    public async Task SaveTeamAsync(Activity activity, CancellationToken cancellationToken)
    {
        var row = new ConversationReferenceEntity
        {
            PartitionKey = ConversationReferenceEntity.TeamPartition,
            RowKey = SafeKey(activity.Conversation!.Id!),
            ConversationId = activity.Conversation.Id,
            ServiceUrl = activity.ServiceUrl!,
            TenantId = activity.Conversation.TenantId ?? activity.ChannelData?.Tenant?.Id,
            BotId = activity.Recipient?.Id,
            ChannelId = activity.ChannelId ?? "msteams",
            InstalledAt = time.GetUtcNow(),
        };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task RemoveTeamAsync(string conversationId, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(ConversationReferenceEntity.TeamPartition, SafeKey(conversationId), ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    public async Task<IReadOnlyList<ConversationReferenceEntity>> ListInstalledAsync(CancellationToken cancellationToken) =>
        await Table.ListPartitionAsync<ConversationReferenceEntity>(ConversationReferenceEntity.PersonalPartition, cancellationToken);

    private static string SafeKey(string id) =>
        new(id.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c).ToArray());
}
