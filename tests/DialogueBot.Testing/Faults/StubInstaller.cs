using System.Collections.Concurrent;
using DialogueBot.Conversations;
using DialogueBot.Org;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DialogueBot.Testing.Faults;

/// <summary>
/// A test <see cref="IProactiveInstaller"/>: "installs" the app for a person by recording a reference on the
/// Connector stub without a conversation, so the messenger creates the 1:1 chat there (a real Connector
/// call, metered like a send), as it would after a Graph install. People in <see cref="Blocked"/> are refused
/// as an app policy would. Counts its calls per person, so a test can see who was tried again.
/// </summary>
public sealed class StubInstaller(ConversationReferenceRepository references, string serviceUrl) : IProactiveInstaller
{
    public ConcurrentDictionary<string, byte> Blocked { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    /// <summary>Replaces the installer of a bot with one installing on <paramref name="connector"/>; returns a way to reach it.</summary>
    public static Func<IServiceProvider, StubInstaller> Register(IServiceCollection services, ConnectorStub connector)
    {
        services.RemoveAll<IProactiveInstaller>();
        services.AddSingleton(sp => new StubInstaller(sp.GetRequiredService<ConversationReferenceRepository>(), connector.ServiceUrl));
        services.AddSingleton<IProactiveInstaller>(sp => sp.GetRequiredService<StubInstaller>());
        return sp => sp.GetRequiredService<StubInstaller>();
    }

    public async Task<ProactiveInstallResult> InstallAsync(OrgPerson person, CancellationToken cancellationToken)
    {
        Calls.AddOrUpdate(person.Id, 1, (_, n) => n + 1);
        if (person.AadObjectId is null)
        {
            return ProactiveInstallResult.Unavailable;
        }

        if (Blocked.ContainsKey(person.Id))
        {
            return new ProactiveInstallResult(ProactiveInstallStatus.Blocked);
        }

        var user = new TeamsUser(person.AadObjectId, person.Name, serviceUrl);
        var install = user.Install();
        install.Conversation = null; // Graph gives no chat id: the messenger creates the 1:1 chat
        var reference = await references.SaveFromActivityAsync(person.AadObjectId, install, cancellationToken);
        return new ProactiveInstallResult(ProactiveInstallStatus.Installed, reference);
    }
}
