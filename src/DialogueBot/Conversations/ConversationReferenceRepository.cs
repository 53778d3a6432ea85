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
    /// Records (or refreshes) a user's 1:1 conversation from an install event. Concurrent install events for
    /// one user settle through the ETag (<see cref="TableUpdates.UpdateOrAddAsync{T}"/>): each re-applies
    /// its refresh to the row as the other left it, so the welcome claim on it survives.
    /// </summary>
    public async Task<ConversationReferenceEntity> SaveFromActivityAsync(string aadObjectId, Activity activity, CancellationToken cancellationToken)
    {
        var key = aadObjectId.ToLowerInvariant();
        var saved = await Table.UpdateOrAddAsync<ConversationReferenceEntity>(
            ConversationReferenceEntity.PersonalPartition,
            key,
            () => new ConversationReferenceEntity { RowKey = key, InstalledAt = time.GetUtcNow() },
            row =>
            {
                row.UserId = activity.From?.Id;
                row.ConversationId = activity.Conversation?.Id;
                row.ServiceUrl = activity.ServiceUrl ?? row.ServiceUrl;
                row.TenantId = activity.Conversation?.TenantId ?? activity.ChannelData?.Tenant?.Id ?? row.TenantId;
                row.BotId = activity.Recipient?.Id;
                row.ChannelId = activity.ChannelId ?? row.ChannelId;
                row.UnreachableSince = null;
                row.UnreachableReason = null;
                return true;
            },
            cancellationToken);
        return saved.Entity!;
    }

    /// <summary>
    /// Claims the right to send the welcome card to this conversation; false when it is already sent or
    /// claimed. A lost race is re-read: it is only lost for good when the other writer made the claim.
    /// </summary>
    public Task<bool> TryClaimWelcomeAsync(ConversationReferenceEntity row, CancellationToken cancellationToken) =>
        TryClaimWelcomeAsync(row, installId: null, cancellationToken);

    /// <param name="installId">
    /// The installationUpdate's activity id: each install event is welcomed once (a retry carries the same id),
    /// even in a conversation welcomed before, since a person who installs again, or reloads the Playground,
    /// looks at an empty chat. Null: once per conversation.
    /// </param>
    public async Task<bool> TryClaimWelcomeAsync(ConversationReferenceEntity row, string? installId, CancellationToken cancellationToken)
    {
        var claim = await Table.UpdateAsync<ConversationReferenceEntity>(row.PartitionKey, row.RowKey, current =>
        {
            var welcomed = installId is null
                ? current.WelcomedConversationId == current.ConversationId
                : current.WelcomedInstallId == installId;
            if (current.ConversationId is null || welcomed)
            {
                return false;
            }

            current.WelcomedConversationId = current.ConversationId;
            current.WelcomedInstallId = installId ?? current.WelcomedInstallId;
            return true;
        }, cancellationToken);
        return claim.Written;
    }

    /// <summary>Gives the claim back when the welcome could not be sent, so the retried event sends it.</summary>
    public async Task ReleaseWelcomeAsync(ConversationReferenceEntity row, CancellationToken cancellationToken)
    {
        var claimed = row.ConversationId;
        await Table.UpdateAsync<ConversationReferenceEntity>(row.PartitionKey, row.RowKey, current =>
        {
            if (current.WelcomedConversationId is null || current.WelcomedConversationId != claimed)
            {
                return false; // somebody else's claim by now (a newer conversation): not ours to give back
            }

            current.WelcomedConversationId = null;
            current.WelcomedInstallId = null;
            return true;
        }, cancellationToken);
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

    /// <summary>Every person's row (reachable or not): the delivery reports read who cannot be reached.</summary>
    public async Task<IReadOnlyList<ConversationReferenceEntity>> ListInstalledAsync(CancellationToken cancellationToken) =>
        await Table.ListPartitionAsync<ConversationReferenceEntity>(ConversationReferenceEntity.PersonalPartition, cancellationToken);

    private static string SafeKey(string id) =>
        new(id.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c).ToArray());
}
