using System.Threading.RateLimiting;
using DialogueBot.BotFramework.Connector;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Org;
using Microsoft.Extensions.Options;

namespace DialogueBot.Conversations;

/// <summary>
/// Sends a message to a person's 1:1 chat when they did not just write to us (pulses, reminders, prompts).
/// Paces sends with a token bucket so one instance stays under Teams' per-app rate, creates the 1:1
/// conversation when only the user id is known, and turns Connector answers into outcomes a queue worker
/// can act on: sent, not installed, gone (403/404), throttled (retry after).
/// </summary>
public sealed class ProactiveMessenger
{
    private readonly IConnectorClient _connector;
    private readonly ConversationReferenceRepository _references;
    private readonly RateLimiter _limiter;
    private readonly IProactiveInstaller _installer;
    private readonly ILogger<ProactiveMessenger> _logger;

    public ProactiveMessenger(IConnectorClient connector, ConversationReferenceRepository references, ProactiveRateLimiter limiter, IProactiveInstaller installer, ILogger<ProactiveMessenger> logger)
    {
        _connector = connector;
        _references = references;
        _limiter = limiter.Limiter;
        _installer = installer;
        _logger = logger;
    }

    /// <summary>Sends <paramref name="activity"/> to the person's 1:1 chat.</summary>
    public Task<ProactiveResult> SendAsync(OrgPerson person, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(person, _ => Task.FromResult<Activity?>(activity), cancellationToken);

    /// <summary>
    /// Looks the person's chat up, THEN asks <paramref name="decide"/> whether to send (null: skip). Work that
    /// may or may not send, depending on something private (a reminder: has this person answered?), makes the
    /// same storage reads either way, so a storage log of reads never lists whom the decision went against.
    /// </summary>
    public async Task<ProactiveResult> SendAsync(OrgPerson person, Func<CancellationToken, Task<Activity?>> decide, CancellationToken cancellationToken)
    {
        if (person.AadObjectId is null)
        {
            return ProactiveResult.NotInstalled;
        }

        var reference = await _references.FindAsync(person.AadObjectId, cancellationToken);
        var activity = await decide(cancellationToken);
        if (activity is null)
        {
            return ProactiveResult.Skipped;
        }

        if (reference is null)
        {
            // Never opened the bot: install it for them when Graph is configured, then send on the new chat.
            var install = await _installer.InstallAsync(person, cancellationToken);
            switch (install.Status)
            {
                case ProactiveInstallStatus.Installed or ProactiveInstallStatus.AlreadyInstalled when install.Reference is not null:
                    reference = install.Reference;
                    break;
                case ProactiveInstallStatus.Throttled:
                    return ProactiveResult.Throttled(install.RetryAfter ?? TimeSpan.FromSeconds(30));
                default:
                    return ProactiveResult.NotInstalled;
            }
        }

        if (reference.UnreachableSince is not null)
        {
            return ProactiveResult.NotInstalled;
        }

        using var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            return ProactiveResult.Throttled(TimeSpan.FromSeconds(5));
        }

        try
        {
            var conversationId = reference.ConversationId;
            if (string.IsNullOrEmpty(conversationId))
            {
                var created = await _connector.CreateConversationAsync(reference.ServiceUrl, new ConversationParameters
                {
                    IsGroup = false,
                    Bot = new ChannelAccount { Id = reference.BotId },
                    Members = [new ChannelAccount { Id = reference.UserId }],
                    TenantId = reference.TenantId,
                }, cancellationToken);
                conversationId = created.Id!;
            }

            activity.Conversation ??= new ConversationAccount { Id = conversationId, TenantId = reference.TenantId };
            activity.ChannelId ??= reference.ChannelId;
            activity.ServiceUrl ??= reference.ServiceUrl;
            var sent = await _connector.SendToConversationAsync(reference.ServiceUrl, conversationId, activity, cancellationToken);
            return ProactiveResult.Sent(sent?.Id, conversationId, reference.ServiceUrl);
        }
        catch (ConnectorException ex) when (ex.IsConversationGone)
        {
            _logger.LogInformation("Person {PersonId} is no longer reachable (Teams answered {Status}).", person.Id, (int)ex.StatusCode);
            await _references.MarkUnreachableAsync(person.AadObjectId, cancellationToken);
            return ProactiveResult.Gone;
        }
        catch (ConnectorException ex) when (ex.IsTransient)
        {
            return ProactiveResult.Throttled(ex.RetryAfter ?? TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Updates a message sent earlier (a card refreshed in place).</summary>
    public async Task<bool> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(1, cancellationToken);
        try
        {
            activity.Conversation ??= new ConversationAccount { Id = conversationId };
            await _connector.UpdateActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken);
            return true;
        }
        catch (ConnectorException ex) when (ex.IsConversationGone)
        {
            return false;
        }
    }
}

/// <summary>
/// One token bucket per instance, shared by every proactive send, so the instance as a whole stays under
/// the configured rate however many workers send at once.
/// </summary>
public sealed class ProactiveRateLimiter : IDisposable
{
    public ProactiveRateLimiter(IOptions<ProactiveOptions> options)
    {
        var perSecond = Math.Max(1, options.Value.MaxSendsPerSecond);
        Limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 100_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    public RateLimiter Limiter { get; }

    public void Dispose() => Limiter.Dispose();
}

/// <summary>What happened to a proactive send.</summary>
public sealed record ProactiveResult(ProactiveOutcome Outcome, string? ActivityId = null, string? ConversationId = null, string? ServiceUrl = null, TimeSpan? RetryAfter = null)
{
    public static readonly ProactiveResult NotInstalled = new(ProactiveOutcome.NotInstalled);
    public static readonly ProactiveResult Gone = new(ProactiveOutcome.Gone);
    public static readonly ProactiveResult Skipped = new(ProactiveOutcome.Skipped);

    public static ProactiveResult Sent(string? activityId, string conversationId, string serviceUrl) => new(ProactiveOutcome.Sent, activityId, conversationId, serviceUrl);

    public static ProactiveResult Throttled(TimeSpan retryAfter) => new(ProactiveOutcome.Throttled, RetryAfter: retryAfter);
}

public enum ProactiveOutcome
{
    Sent,
    /// <summary>The person has not installed the bot (or has no Teams identity in the org chart).</summary>
    NotInstalled,
    /// <summary>Teams says the person removed or blocked the bot.</summary>
    Gone,
    /// <summary>Teams asked us to slow down, or is briefly failing: try again after <see cref="ProactiveResult.RetryAfter"/>.</summary>
    Throttled,
    /// <summary>The caller decided, after the lookup, that there was nothing to send.</summary>
    Skipped,
}

public sealed class ProactiveOptions
{
    public const string SectionName = "Proactive";

    /// <summary>Sends per second from one instance. Teams allows about 50 per app per tenant; leave room for replies.</summary>
    public int MaxSendsPerSecond { get; set; } = 20;
}
