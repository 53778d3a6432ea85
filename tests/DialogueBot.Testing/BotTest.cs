using Xunit;

namespace DialogueBot.Testing;

/// <summary>
/// Base of a test class that talks to the bot: a Connector stub and a bot (the demo org imported) per test.
/// A class that passes a <see cref="SharedBot"/> (its class fixture) shares one host among its tests, emptied
/// before each; one that does not gets its own host per test (a fake clock or a recorder held by the test
/// instance needs that). Override <see cref="Configure"/> to change how the bot is hosted — the same way for
/// every test of the class.
/// </summary>
public abstract class BotTest : IAsyncLifetime
{
    private readonly SharedBot? _shared;

    /// <summary>A host of its own for every test.</summary>
    protected BotTest()
    {
    }

    /// <summary>One host for the class, handed over clean to every test.</summary>
    protected BotTest(SharedBot shared) => _shared = shared;

    protected ConnectorStub Connector { get; private set; } = null!;

    protected BotAppFactory Bot { get; private set; } = null!;

    protected virtual BotAppOptions Configure(BotAppOptions options) => options;

    /// <summary>A demo person as a Teams user whose serviceUrl is the stub.</summary>
    protected TeamsUser User(string personId) => DemoUsers.ById(personId, Connector.ServiceUrl);

    public virtual async Task InitializeAsync()
    {
        if (_shared is not null)
        {
            (Connector, Bot) = await _shared.ForTestAsync(Configure);
            return;
        }

        Connector = await ConnectorStub.StartAsync();
        Bot = await BotAppFactory.StartAsync(Configure(new BotAppOptions { Connector = Connector }));
    }

    public virtual async Task DisposeAsync()
    {
        if (_shared is not null)
        {
            return; // the fixture disposes the host after the class's last test
        }

        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
