using Azure.Data.Tables;
using DialogueBot.Demo;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using Xunit;

namespace DialogueBot.Testing;

/// <summary>
/// One bot and one Connector stub for all the tests of a class (an xunit class fixture: the class says
/// <c>IClassFixture&lt;SharedBot&gt;</c> and hands it to <see cref="BotTest"/>'s constructor). Starting a host
/// per test was most of the suite's set-up cost; what a test may rely on stays the same: before each test the
/// host's work queue is let run dry, every row of its tables and every queued message is deleted, the demo
/// org is imported again and the stub forgets what it received — the storage a fresh host would have.
/// When the previous test left work that does not finish (or the host is one that schedules work by itself),
/// the next test gets a fresh host instead. What does carry over is what the app keeps in memory for the
/// process's life (the scope-key cache, keyed by run ids no later test reuses; cached signing keys): a test
/// that depends on those, on a fake clock, or on an object its own instance hands the host keeps its own host.
/// </summary>
public sealed class SharedBot : IAsyncLifetime
{
    private static readonly TimeSpan QuietTimeout = TimeSpan.FromSeconds(10);

    private OpenIdStub? _openId;

    public ConnectorStub? Connector { get; private set; }

    /// <summary>Warnings and errors the host logs, emptied before each test (register it in Configure).</summary>
    public LogCapture Logs { get; } = new();

    public BotAppFactory? Bot { get; private set; }

    /// <summary>Hosts started for this class (1 when every test could share).</summary>
    public int HostsStarted { get; private set; }

    /// <summary>The stub and bot for the next test, as fresh as a new host would be.</summary>
    public async Task<(ConnectorStub Connector, BotAppFactory Bot)> ForTestAsync(Func<BotAppOptions, BotAppOptions> configure)
    {
        if (Bot is not null && Connector is not null && !Bot.Options.RunScheduler && await TryCleanAsync(Bot))
        {
            Connector.Reset();
            ClearLogs();
            if (Bot.Options.SeedDemoOrg)
            {
                await Bot.ImportOrgAsync(DemoSeeder.DemoOrgCsv());
            }

            return (Connector, Bot);
        }

        await StopHostAsync();
        Connector = await ConnectorStub.StartAsync();
        ClearLogs(); // what the stopped host logged is not this test's
        Bot = await BotAppFactory.StartAsync(configure(new BotAppOptions { Connector = Connector }));
        HostsStarted++;
        return (Connector, Bot);
    }

    private void ClearLogs()
    {
        Logs.Warnings.Clear();
        Logs.Errors.Clear();
    }

    /// <summary>
    /// One token issuer for the class. The host caches its keys as production does, so a test that counts
    /// key fetches or rotates keys needs a host and an issuer of its own.
    /// </summary>
    public async Task<OpenIdStub> OpenIdAsync() => _openId ??= await OpenIdStub.StartAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await StopHostAsync();
        if (_openId is not null)
        {
            await _openId.DisposeAsync();
            _openId = null;
        }
    }

    /// <summary>Stops the host and the stub (the issuer lives on until the class is done).</summary>
    private async Task StopHostAsync()
    {
        if (Bot is not null)
        {
            await Bot.DisposeAsync();
            Bot = null;
        }

        if (Connector is not null)
        {
            await Connector.DisposeAsync();
            Connector = null;
        }
    }

    /// <summary>Empties the host's storage once nothing is in flight; false when work would not finish.</summary>
    private static async Task<bool> TryCleanAsync(BotAppFactory bot)
    {
        var storage = bot.Service<AppStorage>();
        if (bot.Options.RunWorker && !await WorkQueueRanDryAsync(storage))
        {
            return false;
        }

        foreach (var queue in storage.QueueNames)
        {
            await storage.Queue(queue).ClearMessagesAsync();
        }

        // Every table with the prefix, declared or not (a test may have created one).
        await foreach (var table in storage.TableService.QueryAsync(filter: $"TableName ge '{bot.Prefix}' and TableName lt '{bot.Prefix}~'"))
        {
            var client = storage.TableService.GetTableClient(table.Name);
            var rows = new List<TableEntity>();
            await foreach (var row in client.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                rows.Add(row);
            }

            foreach (var partition in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
            {
                await client.DeleteAllAsync(partition);
            }
        }

        bot.Service<OrgDirectory>().Invalidate();
        return true;
    }

    /// <summary>
    /// Until the work queue holds nothing, invisible messages included: an item being handled is invisible
    /// until it finishes, so an empty queue means no handler is still writing or sending.
    /// </summary>
    private static async Task<bool> WorkQueueRanDryAsync(AppStorage storage)
    {
        var queue = storage.Queue(WorkQueue.QueueName);
        var deadline = DateTime.UtcNow + QuietTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0)
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }
}
