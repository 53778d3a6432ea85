using DialogueBot.Org;

namespace DialogueBot.Conversations;

/// <summary>
/// Reaches a person who never opened the bot: installs the app in their personal scope (Microsoft Graph,
/// <c>POST /users/{id}/teamwork/installedApps</c>) and returns the conversation reference to send on. The
/// messenger calls it only when it has no reference for the person.
/// </summary>
public interface IProactiveInstaller
{
    Task<ProactiveInstallResult> InstallAsync(OrgPerson person, CancellationToken cancellationToken);
}

public enum ProactiveInstallStatus
{
    /// <summary>We installed the app; <see cref="ProactiveInstallResult.Reference"/> is where to send.</summary>
    Installed,
    /// <summary>It was installed already (Graph answered 409); the reference is where to send.</summary>
    AlreadyInstalled,
    /// <summary>The tenant's or the user's app policy blocks the app: do not try this person again.</summary>
    Blocked,
    /// <summary>Graph asked us to slow down or is briefly failing: try again after the delay.</summary>
    Throttled,
    /// <summary>No installer is configured (no Graph), or the person has no Entra id.</summary>
    Unavailable,
}

public sealed record ProactiveInstallResult(ProactiveInstallStatus Status, ConversationReferenceEntity? Reference = null, TimeSpan? RetryAfter = null)
{
    public static readonly ProactiveInstallResult Unavailable = new(ProactiveInstallStatus.Unavailable);
}

/// <summary>The default when Microsoft Graph is not configured: nobody is installed for; they stay "not installed".</summary>
public sealed class NoProactiveInstaller : IProactiveInstaller
{
    public Task<ProactiveInstallResult> InstallAsync(OrgPerson person, CancellationToken cancellationToken) => Task.FromResult(ProactiveInstallResult.Unavailable);
}
