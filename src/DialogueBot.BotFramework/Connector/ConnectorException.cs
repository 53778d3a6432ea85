using System.Net;

namespace DialogueBot.BotFramework.Connector;

/// <summary>A Connector call that did not succeed, with what a caller needs to decide what to do next.</summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException(HttpStatusCode statusCode, string? errorCode, string message, TimeSpan? retryAfter)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode StatusCode { get; }
    public string? ErrorCode { get; }

    /// <summary>What the service asked us to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Throttled: try again later, after <see cref="RetryAfter"/> when given.</summary>
    public bool IsThrottled => StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>The user removed or blocked the bot, or the conversation is gone: stop sending there.</summary>
    public bool IsConversationGone => StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;

    /// <summary>Worth trying again later.</summary>
    public bool IsTransient => IsThrottled || (int)StatusCode >= 500 || StatusCode == HttpStatusCode.PreconditionFailed || StatusCode == HttpStatusCode.RequestTimeout;
}

/// <summary>Thrown instead of sending anything to a serviceUrl the policy does not allow.</summary>
public sealed class ServiceUrlNotAllowedException(Uri serviceUrl)
    : Exception($"Refusing to call the serviceUrl host '{serviceUrl.Host}': it is not an allowed Bot Framework host.")
{
    public Uri ServiceUrl { get; } = serviceUrl;
}
