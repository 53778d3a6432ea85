using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Anonymity.ScopeKeys;
using DialogueBot.Infrastructure.Storage;

namespace DialogueBot.Consultation.Ratings;

/// <summary>A rating waiting to be counted: the two scores and the cell (a group of at least k of the audience) it counts in.</summary>
public sealed record PendingRating(int Support, int Impact, string Unit, int? Level);

/// <summary>
/// Ratings while the window is open, as pulse answers are kept: a participation mark (an HMAC of the AAD id
/// under the consultation's key) and the rating sealed under that key with a random row key, written in one
/// transaction. Nothing here says whose rating is whose, and nothing can be opened once the key is destroyed
/// at publication, when the whole partition is deleted.
/// </summary>
public sealed class RatingRepository(AppStorage storage)
{
    public const string TableName = "ConsultationRatings";
    private const string MarkPrefix = "P|";
    private const string PendingPrefix = "R|";
    private const string PendingContext = "consultation-rating";

    private TableClient Table => storage.Table(TableName);

    private static string MarkOf(ScopeKey key, string aadObjectId) => MarkPrefix + key.Hash("consultation-rated", aadObjectId);

    public async Task<bool> HasRatedAsync(ScopeKey key, string aadObjectId, CancellationToken cancellationToken) =>
        await Table.FindAsync<TableEntity>(key.Scope, MarkOf(key, aadObjectId), cancellationToken) is not null;

    /// <summary>The two row keys written, or null when this person had rated already (a second press, a Teams retry).</summary>
    public async Task<(string Mark, string Pending)?> TrySubmitAsync(ScopeKey key, string aadObjectId, PendingRating rating, CancellationToken cancellationToken)
    {
        var mark = MarkOf(key, aadObjectId);
        var pending = PendingPrefix + Guid.NewGuid().ToString("N");
        try
        {
            await Table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(key.Scope, mark)),
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(key.Scope, pending) { ["Sealed"] = key.Seal(JsonSerializer.Serialize(rating), PendingContext + "\n" + pending) }),
            ], cancellationToken);
            return (mark, pending);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Takes a rating back: the window ended while it was being written.</summary>
    public Task WithdrawAsync(string consultationId, (string Mark, string Pending) rows, CancellationToken cancellationToken) =>
        Table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(consultationId, rows.Mark), ETag.All),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(consultationId, rows.Pending), ETag.All),
        ], cancellationToken);

    public async Task<List<PendingRating>> ListPendingAsync(ScopeKey key, CancellationToken cancellationToken) =>
        (await Table.ListWithPrefixAsync<TableEntity>(key.Scope, PendingPrefix, cancellationToken: cancellationToken))
            .Select(row => key.Open(row.GetString("Sealed"), PendingContext + "\n" + row.RowKey) is { } json ? JsonSerializer.Deserialize<PendingRating>(json) : null)
            .OfType<PendingRating>()
            .ToList();

    public async Task DeleteAllAsync(string consultationId, CancellationToken cancellationToken) =>
        await Table.DeleteAllAsync(await Table.ListPartitionAsync<TableEntity>(consultationId, cancellationToken), cancellationToken);
}
