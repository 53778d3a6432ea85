using Azure;
using Azure.Data.Tables;

namespace DialogueBot.Pulse.Deliveries;

/// <summary>
/// "This run's card reached someone": partition = run id, row key = HMAC (PulseDelivery) of the person.
/// Deliberately no activity id and no conversation id: together with Teams' own logs they would name the
/// person, and nothing here needs them (a closed pulse answers "closed" when pressed; cards are not edited later).
/// </summary>
public sealed class PulseDeliveryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The day (UTC, yyyy-MM-dd) it was delivered; never the time.</summary>
    public string Day { get; set; } = "";
}
