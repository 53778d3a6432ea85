using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace DialogueBot.Conversations.Budget;

/// <summary>
/// The tenant's one send budget row (partition = tenant, row = "budget"): who holds which share of the
/// rate until when, and how much a recent 429 has slowed everyone. Every change is an ETag-checked
/// replace, so the shares written never add up to more than the limit.
/// </summary>
public sealed class SendBudgetEntity : ITableEntity
{
    public const string Row = "budget";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The shares as JSON (<see cref="SendShare"/>[]): a handful of instances, well under the 64 KB a property holds.</summary>
    public string Shares { get; set; } = "[]";

    /// <summary>Until when the whole tenant sends slower because Teams answered 429 (real UTC time).</summary>
    public DateTimeOffset? SlowUntil { get; set; }

    /// <summary>The share of the limit in force until <see cref="SlowUntil"/> (0..1).</summary>
    public double SlowFactor { get; set; } = 1;

    /// <summary>429s reported to this row (a counter for the operator and the tests).</summary>
    public long Throttles { get; set; }

    public List<SendShare> ReadShares() => JsonSerializer.Deserialize<List<SendShare>>(Shares) ?? [];

    public void WriteShares(IEnumerable<SendShare> shares) => Shares = JsonSerializer.Serialize(shares.ToList());
}

/// <summary>One instance's share: <paramref name="PerSecond"/> sends a second until <paramref name="Until"/> (real UTC).</summary>
public sealed record SendShare(string Owner, double PerSecond, DateTimeOffset Until);

/// <summary>This instance's part of the tenant budget: its share, the rate it sends at now, and whether a 429 slows it.</summary>
public sealed record SendBudgetState(double Share, double Rate, bool Slowed);

/// <summary>No send slot came in time (the budget row could not be read or renewed): the work goes back on the queue.</summary>
public sealed class SendBudgetUnavailableException() : TimeoutException("No proactive send slot came in time; the send budget could not be renewed.");
