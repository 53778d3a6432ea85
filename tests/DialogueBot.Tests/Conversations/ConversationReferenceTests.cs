using DialogueBot.Conversations;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Conversations;

/// <summary>
/// The welcome claim on a conversation reference, against real storage: the install events Teams sends
/// together refresh the same row, so a claim made on a row another event has refreshed since must be
/// decided on the row as it now is (TableUpdates), not lost on the ETag.
/// </summary>
public sealed class ConversationReferenceTests : BotTest
{
    [Fact]
    public async Task A_welcome_claim_made_after_another_event_refreshed_the_row_still_claims_once()
    {
        var references = Bot.Service<ConversationReferenceRepository>();
        var user = NewUser();

        var first = await references.SaveFromActivityAsync(user.AadObjectId, user.Install(), CancellationToken.None);
        var second = await references.SaveFromActivityAsync(user.AadObjectId, user.BotAdded(), CancellationToken.None); // the row's ETag moved on

        Assert.True(await references.TryClaimWelcomeAsync(first, CancellationToken.None));
        Assert.False(await references.TryClaimWelcomeAsync(second, CancellationToken.None)); // claimed: the other event sends nothing
        Assert.Equal(user.ConversationId, (await references.FindAsync(user.AadObjectId))!.WelcomedConversationId);
    }

    [Fact]
    public async Task A_released_claim_can_be_claimed_again_and_a_refresh_keeps_the_claim()
    {
        var references = Bot.Service<ConversationReferenceRepository>();
        var user = NewUser();
        var row = await references.SaveFromActivityAsync(user.AadObjectId, user.Install(), CancellationToken.None);
        Assert.True(await references.TryClaimWelcomeAsync(row, CancellationToken.None));

        await references.SaveFromActivityAsync(user.AadObjectId, user.Install(), CancellationToken.None); // a reload refreshes the row
        Assert.Equal(user.ConversationId, (await references.FindAsync(user.AadObjectId))!.WelcomedConversationId);

        await references.ReleaseWelcomeAsync(row, CancellationToken.None); // the send failed: give it back, whatever the row's ETag is now
        Assert.Null((await references.FindAsync(user.AadObjectId))!.WelcomedConversationId);
        Assert.True(await references.TryClaimWelcomeAsync(row, CancellationToken.None));
    }

    [Fact]
    public async Task Marking_unreachable_keeps_the_first_time_and_a_new_install_clears_it()
    {
        var references = Bot.Service<ConversationReferenceRepository>();
        var user = NewUser();
        await references.SaveFromActivityAsync(user.AadObjectId, user.Install(), CancellationToken.None);

        await references.MarkUnreachableAsync(user.AadObjectId, UnreachableReason.Blocked, CancellationToken.None);
        var since = (await references.FindAsync(user.AadObjectId))!.UnreachableSince;
        Assert.NotNull(since);
        await references.MarkUnreachableAsync(user.AadObjectId, UnreachableReason.Blocked, CancellationToken.None);
        Assert.Equal(since, (await references.FindAsync(user.AadObjectId))!.UnreachableSince);

        await references.SaveFromActivityAsync(user.AadObjectId, user.Install(), CancellationToken.None);
        Assert.Null((await references.FindAsync(user.AadObjectId))!.UnreachableSince);
    }

    /// <summary>A user of their own per test, so the tests hold no rows in common whichever host they share.</summary>
    private TeamsUser NewUser() => new(Guid.NewGuid().ToString(), "Test User", Connector.ServiceUrl);
}
