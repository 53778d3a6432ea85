using DialogueBot.Org;

namespace DialogueBot.Conversations;

/// <summary>
/// Told when a person installs the bot (or reinstalls it), after their conversation is stored. A feature
/// uses it to catch a late joiner up, for example with a pulse that is open for them.
/// </summary>
public interface IInstallListener
{
    Task OnInstalledAsync(OrgPerson person, CancellationToken cancellationToken);
}
