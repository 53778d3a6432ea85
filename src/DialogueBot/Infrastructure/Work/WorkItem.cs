using System.Text.Json;

namespace DialogueBot.Infrastructure.Work;

/// <summary>
/// One unit of background work on the durable queue. <see cref="Key"/> makes it idempotent: however often
/// an item with the same kind and key is enqueued or redelivered, its handler completes it once.
/// Keys and payloads must not hold personal data (names, AAD ids, conversation ids): refer to people by
/// their org-chart id, or hash with <c>IdentityHasher</c>.
/// </summary>
public sealed record WorkItem(string Kind, string Key, JsonElement Payload)
{
    /// <summary>Attempts made so far, carried in the message so the next attempt knows.</summary>
    public int Attempts { get; init; }

    /// <summary>Why the previous attempt did not complete (for the poison record).</summary>
    public string? LastError { get; init; }

    public T PayloadAs<T>() => Payload.Deserialize<T>(WorkJson.Options) ?? throw new JsonException($"Work item {Kind}/{Key} has an empty payload.");
}

/// <summary>What a handler says about an item.</summary>
public abstract record WorkResult
{
    public static readonly WorkResult Done = new Completed();

    public static WorkResult RetryAfter(TimeSpan delay, string reason) => new Retry(delay, reason);

    public static WorkResult Fail(string reason) => new Failed(reason);

    /// <summary>Finished; never run again for this key.</summary>
    public sealed record Completed : WorkResult;

    /// <summary>Not now (throttled, dependency down): the item comes back after <see cref="Delay"/>.</summary>
    public sealed record Retry(TimeSpan Delay, string Reason) : WorkResult;

    /// <summary>Can never succeed: parked in the poison table with the reason, for a person to look at.</summary>
    public sealed record Failed(string Reason) : WorkResult;
}

/// <summary>Handles one kind of work item.</summary>
public interface IWorkHandler
{
    string Kind { get; }

    Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken);
}

internal static class WorkJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
