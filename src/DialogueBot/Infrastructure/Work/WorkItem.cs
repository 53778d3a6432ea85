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

/// <summary>
/// Handles one kind of work item. Kinds are declared one way (see README.md in this folder): as constants
/// of the feature's <c>…WorkKinds</c> class, "feature.verb"; register with <c>AddWorkHandler&lt;T&gt;()</c>.
/// </summary>
public interface IWorkHandler
{
    /// <summary>The kind this handler runs: a constant of its feature's <c>…WorkKinds</c> class.</summary>
    string Kind { get; }

    Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken);
}

/// <summary>The shape every work kind has: "feature.verb", lower-case letters only ("pulse.deliver").</summary>
public static class WorkKind
{
    public static bool IsWellFormed(string? kind) =>
        kind is not null && kind.Split('.') is [{ Length: > 0 } feature, { Length: > 0 } verb] && feature.All(char.IsAsciiLetterLower) && verb.All(char.IsAsciiLetterLower);

    /// <summary>The handlers by kind; refuses, at start, a kind that is malformed or claimed twice.</summary>
    public static Dictionary<string, IWorkHandler> Index(IEnumerable<IWorkHandler> handlers)
    {
        var index = new Dictionary<string, IWorkHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (!IsWellFormed(handler.Kind))
            {
                throw new InvalidOperationException($"{handler.GetType().Name} declares the work kind '{handler.Kind}'; kinds are \"feature.verb\" in lower-case letters.");
            }

            if (!index.TryAdd(handler.Kind, handler))
            {
                throw new InvalidOperationException($"Both {index[handler.Kind].GetType().Name} and {handler.GetType().Name} handle the work kind '{handler.Kind}'.");
            }
        }

        return index;
    }
}

internal static class WorkJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
