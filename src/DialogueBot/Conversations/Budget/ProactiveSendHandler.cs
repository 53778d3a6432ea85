using System.Net;

namespace DialogueBot.Conversations.Budget;

/// <summary>
/// Marks the Connector calls the <see cref="ProactiveMessenger"/> makes, so <see cref="ProactiveSendHandler"/>
/// meters them (replies to a person who just wrote are not proactive and are not held back).
/// </summary>
public static class ProactiveScope
{
    private static readonly AsyncLocal<bool> Active = new();

    public static bool IsActive => Active.Value;

    public static IDisposable Enter()
    {
        var previous = Active.Value;
        Active.Value = true;
        return new Exit(previous);
    }

    private sealed class Exit(bool previous) : IDisposable
    {
        public void Dispose() => Active.Value = previous;
    }
}

/// <summary>
/// Sits inside the Connector client's retry loop, so EVERY attempt on the wire — a retry after a 429 or a
/// 5xx too, which Teams counts like any request — takes a slot of the tenant budget and waits for its
/// conversation's limits; a 429 answer is reported to the budget, which slows every instance, not only the
/// message that met it.
/// </summary>
public sealed class ProactiveSendHandler(SendBudget budget, ConversationRateLimits conversations) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!ProactiveScope.IsActive)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (ConversationOf(request.RequestUri) is { } conversationId)
        {
            await conversations.WaitTurnAsync(conversationId, cancellationToken);
        }

        await budget.AcquireAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            budget.ReportThrottled(response.Headers.RetryAfter?.Delta);
        }

        return response;
    }

    /// <summary>The conversation of <c>…/v3/conversations/{id}/activities…</c>; null for creating a conversation.</summary>
    private static string? ConversationOf(Uri? uri)
    {
        var segments = uri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var at = Array.IndexOf(segments, "conversations");
        return at >= 0 && at + 2 < segments.Length && segments[at + 2] == "activities" ? Uri.UnescapeDataString(segments[at + 1]) : null;
    }
}
