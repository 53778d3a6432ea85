using DialogueBot.BotFramework.Connector;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Org;
using DialogueBot.Conversations.Budget;

namespace DialogueBot.Conversations;

/// <summary>
/// Sends a message to a person's 1:1 chat when they did not just write to us (pulses, reminders, prompts).
/// Every Connector call it makes is metered by the tenant's shared <see cref="SendBudget"/> and Teams'
/// per-conversation limits (<see cref="ProactiveSendHandler"/>, per attempt on the wire); it installs the app
/// for a person who never opened it (<see cref="IProactiveInstaller"/>), creates the 1:1 conversation when
/// only the user id is known, and turns Connector answers into outcomes a queue worker can act on: sent,
/// not installed, unreachable (blocked by an admin or a policy, or the bot removed: recorded, never tried
/// again until the person installs the app themselves), throttled (retry after).
/// </summary>
public sealed class ProactiveMessenger(IConnectorClient connector, ConversationReferenceRepository references, IProactiveInstaller installer, ILogger<ProactiveMessenger> logger)
{
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

        var reference = await references.FindAsync(person.AadObjectId, cancellationToken);
        var activity = await decide(cancellationToken);
        if (activity is null)
        {
            return ProactiveResult.Skipped;
        }

        if (reference?.Unreachable is { } known)
        {
            return ProactiveResult.Unreachable(known); // recorded before: stop trying
        }

        var installedByUs = false;
        if (reference is null)
        {
            // Never opened the bot: install it for them when Graph is configured, then send on the new chat.
            var install = await installer.InstallAsync(person, cancellationToken);
            switch (install.Status)
            {
                case ProactiveInstallStatus.Installed or ProactiveInstallStatus.AlreadyInstalled when install.Reference is not null:
                    reference = install.Reference;
                    installedByUs = install.Status == ProactiveInstallStatus.Installed;
                    break;
                case ProactiveInstallStatus.Blocked:
                    logger.LogInformation("Person {PersonId}: the app policy blocks installing the app; not trying again.", person.Id);
                    await references.MarkUnreachableAsync(person.AadObjectId, UnreachableReason.InstallBlocked, cancellationToken);
                    return ProactiveResult.Unreachable(UnreachableReason.InstallBlocked);
                case ProactiveInstallStatus.Throttled:
                    return ProactiveResult.Throttled(install.RetryAfter ?? TimeSpan.FromSeconds(30));
                default:
                    return ProactiveResult.NotInstalled;
            }
        }

        using var metered = ProactiveScope.Enter();
        try
        {
            var conversationId = reference.ConversationId;
            if (string.IsNullOrEmpty(conversationId))
            {
                var created = await connector.CreateConversationAsync(reference.ServiceUrl, new ConversationParameters
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
            var sent = await connector.SendToConversationAsync(reference.ServiceUrl, conversationId, activity, cancellationToken);
            return ProactiveResult.Sent(sent?.Id, conversationId, reference.ServiceUrl, installedByUs);
        }
        catch (ConnectorException ex) when (ex.IsConversationGone)
        {
            var reason = UnreachableReasons.FromConnector(ex.StatusCode, ex.ErrorCode);
            logger.LogInformation("Person {PersonId} is no longer reachable (Teams answered {Status} {Code}); not trying again.", person.Id, (int)ex.StatusCode, ex.ErrorCode);
            await references.MarkUnreachableAsync(person.AadObjectId, reason, cancellationToken);
            return ProactiveResult.Unreachable(reason);
        }
        catch (ConnectorException ex) when (ex.IsTransient)
        {
            return ProactiveResult.Throttled(ex.RetryAfter ?? TimeSpan.FromSeconds(30));
        }
        catch (SendBudgetUnavailableException)
        {
            return ProactiveResult.Throttled(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Updates a message sent earlier (a card refreshed in place).</summary>
    public async Task<bool> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        using var metered = ProactiveScope.Enter();
        try
        {
            activity.Conversation ??= new ConversationAccount { Id = conversationId };
            await connector.UpdateActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken);
            return true;
        }
        catch (ConnectorException ex) when (ex.IsConversationGone)
        {
            return false;
        }
    }
}

/// <summary>What happened to a proactive send.</summary>
public sealed record ProactiveResult(ProactiveOutcome Outcome, string? ActivityId = null, string? ConversationId = null, string? ServiceUrl = null, TimeSpan? RetryAfter = null)
{
    public static readonly ProactiveResult NotInstalled = new(ProactiveOutcome.NotInstalled);
    public static readonly ProactiveResult Skipped = new(ProactiveOutcome.Skipped);

    /// <summary>Why the person cannot be reached (with <see cref="ProactiveOutcome.Unreachable"/>).</summary>
    public UnreachableReason? Reason { get; init; }

    /// <summary>Sent on a chat the app was installed into for this send (Graph), not by the person.</summary>
    public bool InstalledByUs { get; init; }

    public static ProactiveResult Sent(string? activityId, string conversationId, string serviceUrl, bool installedByUs = false) =>
        new(ProactiveOutcome.Sent, activityId, conversationId, serviceUrl) { InstalledByUs = installedByUs };

    public static ProactiveResult Unreachable(UnreachableReason reason) => new(ProactiveOutcome.Unreachable) { Reason = reason };

    public static ProactiveResult Throttled(TimeSpan retryAfter) => new(ProactiveOutcome.Throttled, RetryAfter: retryAfter);
}

public enum ProactiveOutcome
{
    Sent,
    /// <summary>The person has not installed the bot (or has no Teams identity in the org chart).</summary>
    NotInstalled,
    /// <summary>Blocked (an admin, a policy, the person) or the bot was removed: see <see cref="ProactiveResult.Reason"/>; recorded, not tried again.</summary>
    Unreachable,
    /// <summary>Teams asked us to slow down, or is briefly failing: try again after <see cref="ProactiveResult.RetryAfter"/>.</summary>
    Throttled,
    /// <summary>The caller decided, after the lookup, that there was nothing to send.</summary>
    Skipped,
}

public sealed class ProactiveOptions
{
    public const string SectionName = "Proactive";

    /// <summary>Proactive sends per second for the whole tenant, shared by every instance (Teams allows about 50 per app per tenant).</summary>
    public double TenantSendsPerSecond { get; set; } = 50;

    /// <summary>How long an instance's share of the budget holds without renewal (long enough to outlast a slow renewal).</summary>
    public TimeSpan ShareLease { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an instance with sends waiting renews its share (and reads the others' and any 429).</summary>
    public TimeSpan ShareRenewal { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The share of the budget every instance sends at while a 429 is fresh (for its Retry-After, at least 1 s).</summary>
    public double ThrottledShare { get; set; } = 0.8;

    /// <summary>How long a send waits for a slot before its work goes back on the queue (at most a third of a work item's time).</summary>
    public TimeSpan SendSlotTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
