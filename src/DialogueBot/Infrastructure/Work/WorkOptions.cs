namespace DialogueBot.Infrastructure.Work;

/// <summary>Background work settings. Bound from "Work".</summary>
public sealed class WorkOptions
{
    public const string SectionName = "Work";

    /// <summary>Run the queue worker in this instance (every instance does by default).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>Items handled at once by one instance.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>How long a received message stays invisible to other instances; also the claim's lease.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>After this many attempts an item is parked as poison.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Longest pause between polls of an empty queue.</summary>
    public TimeSpan MaxIdleDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>First retry delay after an unexpected failure; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);
}
