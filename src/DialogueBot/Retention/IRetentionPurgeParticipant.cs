namespace DialogueBot.Retention;

/// <summary>
/// A feature that applies its own retention period to the tables it owns, called by the daily purge
/// (<see cref="RetentionPurge"/>) so Retention need not know those tables. Must only remove what is past its
/// period (a repeated or overlapping run then finds nothing), with ETag-checked writes.
/// </summary>
public interface IRetentionPurgeParticipant
{
    Task<PurgedRows> PurgeAsync(DateTimeOffset now, RetentionOptions options, CancellationToken cancellationToken);
}

/// <summary>What a participant removed: counts only, nothing that names anyone.</summary>
public sealed record PurgedRows(string What, int Rows)
{
    public override string ToString() => $"{Rows} {What}";
}
