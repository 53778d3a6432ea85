using DialogueBot.Infrastructure.Storage;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;

namespace DialogueBot.Testing.Faults;

/// <summary>
/// Fault-injection around a proactive fan-out: a private, persistent Azurite that can be stopped and
/// started, one Connector stub (latency, 429s, 5xx, outages), and any number of bot instances sharing one
/// storage prefix that can be stopped and started mid-run. It installs the recipients, then counts the
/// fan-out cards each one receives. The fan-out itself is the test's: <see cref="FanOutProbe"/> for the
/// generic infrastructure, or a feature's own (open a pulse, and recognise its question card).
/// </summary>
public sealed class FanOutHarness : IAsyncDisposable
{
    private readonly List<BotAppFactory> _instances = [];
    private readonly Func<BotAppOptions, BotAppOptions> _configure;

    private FanOutHarness(Azurite storage, ConnectorStub connector, Func<BotAppOptions, BotAppOptions> configure)
    {
        Storage = storage;
        Connector = connector;
        _configure = configure;
    }

    public Azurite Storage { get; }

    public ConnectorStub Connector { get; }

    public string Prefix { get; } = BotAppFactory.NewPrefix();

    public IReadOnlyList<BotAppFactory> Instances => _instances;

    /// <summary>The first running instance.</summary>
    public BotAppFactory Bot => _instances[0];

    /// <summary>Everyone of the demo org, as the people a fan-out reaches.</summary>
    public IReadOnlyList<OrgPerson> Recipients { get; } = DemoUsers.All.Where(p => p.AadObjectId is not null).ToList();

    /// <summary>
    /// Starts storage, the connector and <paramref name="instances"/> bots, with the demo org imported
    /// and every recipient installed (welcome cards sent). <paramref name="configure"/> shapes each bot
    /// (register the fan-out's handlers there, e.g. <see cref="FanOutProbe.Register"/>).
    /// </summary>
    public static async Task<FanOutHarness> StartAsync(int instances, Func<BotAppOptions, BotAppOptions> configure)
    {
        var storage = await Azurite.StartAsync(persistent: true);
        var connector = await ConnectorStub.StartAsync();
        var harness = new FanOutHarness(storage, connector, configure);
        for (var i = 0; i < instances; i++)
        {
            await harness.StartInstanceAsync(seedOrg: i == 0);
        }

        foreach (var person in harness.Recipients)
        {
            await harness.Bot.SendAsync(DemoUsers.Of(person, connector.ServiceUrl).Install());
        }

        return harness;
    }

    /// <summary>Starts another instance on the same storage and prefix.</summary>
    public async Task<BotAppFactory> StartInstanceAsync(bool seedOrg = false)
    {
        var options = _configure(new BotAppOptions
        {
            Connector = Connector,
            StorageConnectionString = Storage.ConnectionString,
            Prefix = Prefix,
            SeedDemoOrg = seedOrg,
            Settings =
            {
                // Short enough that a lost claim comes back within a test, long enough to outlast an outage.
                ["Work:VisibilityTimeout"] = "00:00:20",
                ["Work:MaxAttempts"] = "50",
                ["Work:MaxRetryDelay"] = "00:00:02",
            },
        });
        var bot = await BotAppFactory.StartAsync(options);
        _instances.Add(bot);
        return bot;
    }

    /// <summary>Stops an instance the way a deploy or scale-in does (the host shuts down).</summary>
    public async Task StopInstanceAsync(BotAppFactory bot)
    {
        _instances.Remove(bot);
        await bot.DisposeAsync();
    }

    /// <summary>Fan-out cards received so far, per recipient's conversation.</summary>
    public IReadOnlyDictionary<string, int> CardsPerRecipient(Func<ReceivedActivity, bool> isFanOutCard) =>
        Connector.Activities.Where(a => a.Kind == ActivityKinds.Send && isFanOutCard(a))
            .GroupBy(a => a.ConversationId)
            .ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Waits until <paramref name="count"/> fan-out cards have arrived (to strike mid fan-out).</summary>
    public Task WaitForCardsAsync(Func<ReceivedActivity, bool> isFanOutCard, int count, TimeSpan? timeout = null) =>
        Connector.WaitUntilAsync(c => c.Activities.Count(a => a.Kind == ActivityKinds.Send && isFanOutCard(a)) >= count, timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>
    /// Waits until every recipient has a fan-out card, lets duplicates show up for <paramref name="settle"/>,
    /// then asserts each recipient got exactly one, naming who got none or several.
    /// </summary>
    public Task AssertEveryRecipientGotExactlyOneAsync(Func<ReceivedActivity, bool> isFanOutCard, TimeSpan timeout, TimeSpan settle) =>
        AssertEveryRecipientGotExactlyOneAsync(isFanOutCard, Recipients, timeout, settle);

    /// <summary>
    /// As above for a fan-out that reaches only <paramref name="audience"/> (a managers' pulse): each of them
    /// exactly once, and nobody else (the other installed people count as strangers).
    /// </summary>
    public async Task AssertEveryRecipientGotExactlyOneAsync(Func<ReceivedActivity, bool> isFanOutCard, IEnumerable<OrgPerson> audience, TimeSpan timeout, TimeSpan settle)
    {
        var conversations = audience.ToDictionary(p => DemoUsers.Of(p, Connector.ServiceUrl).ConversationId, p => p.Id);
        try
        {
            await Connector.WaitUntilAsync(_ => conversations.Keys.All(CardsPerRecipient(isFanOutCard).ContainsKey), timeout);
        }
        catch (TimeoutException)
        {
            // Reported below with the names of those missing.
        }

        await WaitUntilNoWorkIsLeftAsync(timeout);
        await Task.Delay(settle);
        var counts = CardsPerRecipient(isFanOutCard);
        var missing = conversations.Where(c => !counts.ContainsKey(c.Key)).Select(c => c.Value).ToList();
        var repeated = counts.Where(c => c.Value > 1).Select(c => $"{conversations.GetValueOrDefault(c.Key, c.Key)}×{c.Value}").ToList();
        var strangers = counts.Keys.Where(k => !conversations.ContainsKey(k)).ToList();
        if (missing.Count > 0 || repeated.Count > 0 || strangers.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(
                $"Fan-out not exactly once: {missing.Count} missing [{string.Join(", ", missing)}], {repeated.Count} duplicated [{string.Join(", ", repeated)}], {strangers.Count} outside the audience [{string.Join(", ", strangers.Select(OwnerOf))}].");
        }

        if (!Connector.CardSchemaErrors.IsEmpty)
        {
            throw new Xunit.Sdk.XunitException("Cards failing the schema: " + string.Join("\n", Connector.CardSchemaErrors));
        }
    }

    /// <summary>
    /// Waits until the work queue holds nothing, invisible messages included. A send whose outcome could not
    /// be recorded comes back only after the visibility timeout (longer than any settle delay), so counting
    /// cards before the queue is empty would miss exactly the duplicates these tests look for.
    /// </summary>
    public async Task WaitUntilNoWorkIsLeftAsync(TimeSpan timeout)
    {
        var queue = Bot.Service<AppStorage>().Queue(WorkQueue.QueueName);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0)
                {
                    return;
                }
            }
            catch (Azure.RequestFailedException)
            {
                // Storage still coming back: ask again.
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"Work was still queued after {timeout}: the fan-out did not finish.");
    }

    private string OwnerOf(string conversationId) =>
        Recipients.FirstOrDefault(p => DemoUsers.Of(p, Connector.ServiceUrl).ConversationId == conversationId)?.Id ?? conversationId;

    public async ValueTask DisposeAsync()
    {
        foreach (var bot in _instances.ToList())
        {
            await bot.DisposeAsync();
        }

        await Connector.DisposeAsync();
        await Storage.DisposeAsync();
    }
}
