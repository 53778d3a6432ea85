using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Programmes;
using DialogueBot.TownHall.QuestionFollowers;
using DialogueBot.TownHall.Questions;
using DialogueBot.TownHall.TownHalls;

namespace DialogueBot.Retention;

/// <summary>
/// The feature tables' part of an erasure: every row that refers to the person by org-chart id. Each
/// sweep is a query plus ETag-checked writes, safe to repeat: a second run finds nothing left to change.
/// Tables are read loosely or through their entities, never through the features' services, so a
/// feature's own rules (moderation, notifications) do not fire for what is only a clean-up.
/// </summary>
internal sealed class ErasureSweeps(AppStorage storage)
{
    /// <summary>Named questions: authorship cleared (no org id, no author hash) and marked, so the board says "a former colleague".</summary>
    public async Task<int> QuestionsAsync(string personId, CancellationToken cancellationToken)
    {
        var table = storage.Table(QuestionRepository.TableName);
        var changed = 0;
        var filter = TableClient.CreateQueryFilter($"AuthorPersonId eq {personId}");
        var rows = new List<QuestionEntity>();
        await foreach (var q in table.QueryAsync<QuestionEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(q);
        }

        foreach (var found in rows)
        {
            changed += await UpdateAsync<QuestionEntity>(table, found, q =>
            {
                if (q.AuthorPersonId != personId)
                {
                    return false;
                }

                q.AuthorPersonId = "";
                q.AskerTokenHash = ""; // nobody may edit or withdraw it any more: its author is gone
                q.AuthorErased = true;
                return true;
            }, cancellationToken);
        }

        return changed;
    }

    /// <summary>
    /// Follow rows are keyed with each town hall's own key and hold the follower sealed, so they are found by
    /// recomputing the person's follower hash under every hall key still alive (a finished hall has none,
    /// and no follow rows either). Deleted: they will not be told of answers.
    /// </summary>
    public async Task<int> FollowersAsync(string? aadObjectId, IScopeKeyStore keys, CancellationToken cancellationToken)
    {
        if (aadObjectId is null)
        {
            return 0;
        }

        var table = storage.Table(QuestionFollowerRepository.TableName);
        var deleted = 0;
        foreach (var hall in await storage.Table(TownHallRepository.TableName).ListPartitionAsync<TownHallEntity>(TownHallEntity.Partition, cancellationToken))
        {
            if (await keys.FindAsync(hall.RowKey, cancellationToken) is not { } hallKey)
            {
                continue;
            }

            var suffix = "_" + hallKey.Hash("follow", aadObjectId);
            var rows = (await table.ListPartitionAsync<TableEntity>(hall.RowKey, cancellationToken)).Where(r => r.RowKey.EndsWith(suffix, StringComparison.Ordinal)).ToList();
            deleted += await RetentionTables.DeleteAsync(table, rows, cancellationToken);
        }

        return deleted;
    }

    /// <summary>Town halls they host or created: the id becomes the placeholder's (shown as "A former colleague").</summary>
    public async Task<int> TownHallsAsync(string personId, string placeholderId, CancellationToken cancellationToken)
    {
        var table = storage.Table(TownHallRepository.TableName);
        var changed = 0;
        foreach (var hall in await table.ListPartitionAsync<TownHallEntity>(TownHallEntity.Partition, cancellationToken))
        {
            changed += await UpdateAsync<TownHallEntity>(table, hall, current =>
            {
                var hosts = current.Hosts.ToList();
                if (!hosts.Any(h => Same(h, personId)) && !Same(current.CreatedBy, personId))
                {
                    return false;
                }

                current.HostIds = TownHallEntity.Join(hosts.Select(h => Same(h, personId) ? placeholderId : h));
                current.CreatedBy = Same(current.CreatedBy, personId) ? placeholderId : current.CreatedBy;
                return true;
            }, cancellationToken);
        }

        return changed;
    }

    /// <summary>Programmes they created (the creator becomes the placeholder) or paused or opted out of (their entry is removed).</summary>
    public async Task<int> ProgrammesAsync(string personId, string placeholderId, CancellationToken cancellationToken)
    {
        var table = storage.Table(SkipLevelProgrammeRepository.TableName);
        var changed = 0;
        foreach (var programme in await table.ListPartitionAsync<SkipLevelProgrammeEntity>(SkipLevelProgrammeEntity.Partition, cancellationToken))
        {
            if (Same(programme.CreatedBy, personId) || programme.ParticipationOf(personId) != Participation.Active)
            {
                changed += await UpdateAsync<SkipLevelProgrammeEntity>(table, programme, current =>
                {
                    var created = Same(current.CreatedBy, personId);
                    if (created)
                    {
                        current.CreatedBy = placeholderId;
                    }

                    var (participation, named) = ParticipationRules.Apply(current.Participation, personId, ParticipationChoice.Resume);
                    current.Participation = participation;
                    return created || named;
                }, cancellationToken);
            }
        }

        return changed;
    }

    /// <summary>
    /// Pairs: the person's side becomes the placeholder, under a new row key (the pair id is derived from both
    /// org ids, so the old key would still point at them); their own follow-up and decline reason are
    /// cleared; an open pair is declined on their side (the meeting cannot happen). The other side's notes
    /// stay: they are that person's. Returns the old pair ids, so pending prompts for them can be dropped.
    /// </summary>
    public async Task<List<string>> PairsAsync(string personId, string placeholderId, CancellationToken cancellationToken)
    {
        var table = storage.Table(SkipLevelPairRepository.TableName);
        var oldIds = new List<string>();
        var rows = new List<SkipLevelPairEntity>();
        await foreach (var pair in table.QueryAsync<SkipLevelPairEntity>(TableClient.CreateQueryFilter($"LeaderId eq {personId} or ManagerId eq {personId}"), cancellationToken: cancellationToken))
        {
            rows.Add(pair);
        }

        foreach (var pair in rows)
        {
            var side = pair.SideOf(personId)!;
            var copy = new SkipLevelPairEntity
            {
                PartitionKey = pair.PartitionKey,
                ProgrammeId = pair.ProgrammeId,
                Cycle = pair.Cycle,
                LeaderId = side == PairSide.Leader ? placeholderId : pair.LeaderId,
                ManagerId = side == PairSide.Manager ? placeholderId : pair.ManagerId,
                Week = pair.Week,
                State = pair.IsOpen ? PairState.Declined : pair.State,
                Rule = pair.Rule,
                ConfirmedBy = pair.IsOpen ? "" : pair.ConfirmedBy,
                DeclinedBy = pair.IsOpen ? side : pair.DeclinedBy,
                DeclineReason = pair.IsOpen || pair.DeclinedBy == side ? null : pair.DeclineReason,
                AgendaJson = pair.AgendaJson,
                LeaderHappened = pair.LeaderHappened,
                LeaderFollowUp = side == PairSide.Leader ? null : pair.LeaderFollowUp,
                ManagerHappened = pair.ManagerHappened,
                ManagerFollowUp = side == PairSide.Manager ? null : pair.ManagerFollowUp,
            };
            copy.RowKey = SkipLevelPairEntity.PairIdFor(copy.LeaderId, copy.ManagerId);
            try
            {
                await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, copy), new TableTransactionAction(TableTransactionActionType.Delete, pair, pair.ETag)], cancellationToken);
            }
            catch (TableTransactionFailedException)
            {
                // The copy exists already (an erase that stopped half-way) or the pair changed: settle row by row.
                await table.TryAddAsync(copy, cancellationToken);
                await RetentionTables.TryDeleteAsync(table, pair, cancellationToken);
            }

            oldIds.Add(pair.RowKey);
        }

        return oldIds;
    }

    /// <summary>
    /// Re-applies <paramref name="change"/> to the row as it now is (the one bounded read-change-write), so
    /// a concurrent write (a vote, a moderation) neither loses the erasure nor is lost to it. 1 when written.
    /// </summary>
    private static async Task<int> UpdateAsync<T>(TableClient table, ITableEntity found, Func<T, bool> change, CancellationToken cancellationToken)
        where T : class, ITableEntity =>
        (await table.UpdateAsync(found.PartitionKey, found.RowKey, change, cancellationToken)).Written ? 1 : 0;

    private static bool Same(string? a, string b) => ErasureIds.Same(a, b);
}
