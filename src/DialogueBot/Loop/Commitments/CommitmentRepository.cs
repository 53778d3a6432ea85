using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Loop.Commitments;

/// <summary>Summaries and their actions, in one table: partition = the subject (run or town-hall id), rows "summary" and "a01"….</summary>
public sealed class CommitmentRepository(AppStorage storage)
{
    public const string TableName = "LoopCommitments";

    public TableClient Table => storage.Table(TableName);

    public Task<SummaryEntity?> FindSummaryAsync(string subject, CancellationToken cancellationToken) =>
        Table.FindAsync<SummaryEntity>(subject, SummaryEntity.Row, cancellationToken);

    public async Task<List<SummaryEntity>> ListSummariesAsync(CancellationToken cancellationToken)
    {
        var rows = new List<SummaryEntity>();
        await foreach (var row in Table.QueryAsync<SummaryEntity>(r => r.RowKey == SummaryEntity.Row, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// The summary and its actions in ONE transaction: a second publication (another leader, or a retry)
    /// conflicts on the summary row and changes nothing. False when a summary was already published.
    /// </summary>
    public async Task<bool> TryPublishAsync(SummaryEntity summary, IReadOnlyList<ActionEntity> actions, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitTransactionAsync(
                actions.Prepend<ITableEntity>(summary).Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)),
                cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public Task<ActionEntity?> FindActionAsync(string subject, string actionId, CancellationToken cancellationToken) =>
        Table.FindAsync<ActionEntity>(subject, actionId, cancellationToken);

    public async Task<List<CommitmentAction>> ListActionsAsync(string subject, CancellationToken cancellationToken) =>
        (await Table.ListWithPrefixAsync<ActionEntity>(subject, ActionPrefix, cancellationToken: cancellationToken)).Select(a => a.ToAction()).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();

    public async Task<List<ActionEntity>> ListAllActionsAsync(CancellationToken cancellationToken)
    {
        var rows = new List<ActionEntity>();
        await foreach (var row in Table.QueryAsync<ActionEntity>(r => r.RowKey.CompareTo(ActionPrefix) >= 0 && r.RowKey.CompareTo("b") < 0, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    public const string ActionPrefix = "a";

    public static string ActionId(int index) => ActionPrefix + (index + 1).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
}
