using DialogueBot.BotFramework.Connector;
using DialogueBot.BotFramework.Routing;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Infrastructure.Anonymity;
using DialogueBot.Org;
using Microsoft.Extensions.Options;

namespace DialogueBot.Conversations;

/// <summary>
/// Install and uninstall, in either form Teams sends them (installationUpdate, conversationUpdate with the
/// bot among the members). Both forms arrive for one install, and again on every reload of the Playground:
/// everything here is idempotent, and each install event is welcomed once (a reload shows an empty chat).
/// </summary>
public sealed class InstallRoutes(
    ConversationReferenceRepository references,
    OrgChartRepository orgCharts,
    OrgDirectory directory,
    IEnumerable<IInstallListener> listeners,
    IOptions<AnonymityOptions> anonymity,
    ILogger<InstallRoutes> logger) : IActivityRouteModule
{
    public void Map(ActivityRouter router)
    {
        router.OnInstall(OnInstallAsync);
        router.OnUninstall(OnUninstallAsync);
    }

    private async Task<InvokeResponse?> OnInstallAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var activity = context.Activity;
        if (activity.Conversation?.ConversationType is ConversationTypes.Channel or ConversationTypes.GroupChat)
        {
            await references.SaveTeamAsync(activity, cancellationToken);
            return null;
        }

        var aad = activity.From?.AadObjectId;
        if (!IsAadObjectId(aad))
        {
            logger.LogWarning("A personal install without a valid AAD object id was ignored.");
            return null;
        }

        var reference = await references.SaveFromActivityAsync(aad, activity, cancellationToken);
        var person = await FindOrLinkAsync(context, aad, cancellationToken);

        // The installationUpdate greets (once per event, retries included); the conversationUpdate Teams sends
        // with it only stores the reference, so the pair, in whichever order it arrives, greets once.
        if (activity.Type == ActivityTypes.InstallationUpdate && await references.TryClaimWelcomeAsync(reference, activity.Id ?? activity.Conversation?.Id, cancellationToken))
        {
            try
            {
                await context.SendAsync(WelcomeCard.Build(new Caller(aad, person), anonymity.Value.MinimumGroupSize), cancellationToken);
            }
            catch
            {
                await references.ReleaseWelcomeAsync(reference, CancellationToken.None);
                throw;
            }
        }

        if (person is not null)
        {
            foreach (var listener in listeners)
            {
                await listener.OnInstalledAsync(person, cancellationToken);
            }
        }

        return null;
    }

    private async Task<InvokeResponse?> OnUninstallAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var activity = context.Activity;
        if (activity.Conversation?.ConversationType is ConversationTypes.Channel or ConversationTypes.GroupChat)
        {
            await references.RemoveTeamAsync(activity.Conversation.Id!, cancellationToken);
        }
        else if (activity.From?.AadObjectId is { } aad && IsAadObjectId(aad))
        {
            await references.RemoveAsync(aad, cancellationToken);
        }

        return null;
    }

    /// <summary>
    /// AAD object ids are GUIDs (the Agents Playground's are GUID-like with a longer last group); anything
    /// else, a forged or garbled id, must not become a table key.
    /// </summary>
    private static bool IsAadObjectId([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? aad) =>
        !string.IsNullOrEmpty(aad) && aad.Length <= 64 && aad.All(c => char.IsAsciiHexDigit(c) || c == '-');

    /// <summary>
    /// The person for this AAD id. When the org chart knows people only by email, asks Teams for the
    /// member's email and links the two, once.
    /// </summary>
    private async Task<OrgPerson?> FindOrLinkAsync(TurnContext context, string aad, CancellationToken cancellationToken)
    {
        var snapshot = await directory.GetAsync(cancellationToken);
        var person = snapshot.FindByAadObjectId(aad);
        if (person is not null || snapshot.IsEmpty)
        {
            return person;
        }

        try
        {
            var member = await context.GetSenderAsMemberAsync(cancellationToken);
            var byEmail = snapshot.FindByEmail(member.Email) ?? snapshot.FindByEmail(member.UserPrincipalName);
            if (byEmail is null || byEmail.AadObjectId is not null)
            {
                return null;
            }

            if (await orgCharts.LinkAadObjectIdAsync(byEmail.Id, aad, cancellationToken))
            {
                directory.Invalidate();
                logger.LogInformation("Linked org chart person {PersonId} to their Teams identity by email.", byEmail.Id);
            }

            return byEmail with { AadObjectId = aad.ToLowerInvariant() };
        }
        catch (ConnectorException ex)
        {
            logger.LogInformation("Could not look up the member's email ({Status}); they stay unlinked for now.", (int)ex.StatusCode);
            return null;
        }
    }
}
