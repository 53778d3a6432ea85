using DialogueBot.Conversations;
using DialogueBot.Testing;
using DialogueBot.Testing.Hostile;

namespace DialogueBot.Tests.Infrastructure;

/// <summary>The kit's shared host: the next test of a class gets the same host, as empty as a fresh one.</summary>
public sealed class SharedBotTests
{
    [Fact]
    public async Task The_next_test_gets_the_same_host_with_the_storage_and_stub_of_a_fresh_one()
    {
        var shared = new SharedBot();
        try
        {
            var (connector, bot) = await shared.ForTestAsync(o => o);
            var fresh = await RowsPerTableAsync(bot);
            var alex = DemoUsers.Alex(connector.ServiceUrl);
            await bot.SendAsync(alex.Install());
            await connector.WaitForAsync(a => a.ConversationId == alex.ConversationId);
            connector.Outage = System.Net.HttpStatusCode.ServiceUnavailable;
            Assert.NotEqual(fresh, await RowsPerTableAsync(bot));

            var (nextConnector, nextBot) = await shared.ForTestAsync(o => o);

            Assert.Same(bot, nextBot);
            Assert.Same(connector, nextConnector);
            Assert.Equal(1, shared.HostsStarted);
            Assert.Empty(nextConnector.Activities);
            Assert.Empty(nextConnector.Requests);
            Assert.Null(nextConnector.Outage);
            Assert.Null(await nextBot.Service<ConversationReferenceRepository>().FindAsync(alex.AadObjectId));
            Assert.Equal(fresh, await RowsPerTableAsync(nextBot));

            // And it still works as a fresh host: the welcome comes again.
            await nextBot.SendAsync(alex.Install());
            await nextConnector.WaitForAsync(a => a.ConversationId == alex.ConversationId);
        }
        finally
        {
            await shared.DisposeAsync();
        }
    }

    /// <summary>Rows per table and messages per queue (the org's rows get new keys with every import).</summary>
    private static async Task<string> RowsPerTableAsync(BotAppFactory bot)
    {
        var snapshot = await new StorageSnapshot(bot).TakeAsync();
        return string.Join("\n", snapshot.Split('\n').Where(l => l.StartsWith("table ", StringComparison.Ordinal) || l.StartsWith("queue ", StringComparison.Ordinal))
            .Select(l => l.StartsWith("queue ", StringComparison.Ordinal) ? l : l + " " + CountRows(snapshot, l)));
    }

    private static int CountRows(string snapshot, string tableLine)
    {
        var lines = snapshot.Split('\n');
        var start = Array.IndexOf(lines, tableLine);
        return lines.Skip(start + 1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).Count();
    }
}
