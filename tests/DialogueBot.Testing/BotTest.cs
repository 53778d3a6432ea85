using Xunit;

namespace DialogueBot.Testing;

/// <summary>
/// Base of a test class that talks to the bot: a fresh Connector stub and a fresh bot (its own storage
/// prefix, the demo org imported) per test, disposed after it. Override <see cref="Configure"/> to change
/// how the bot is hosted.
/// </summary>
public abstract class BotTest : IAsyncLifetime
{
    protected ConnectorStub Connector { get; private set; } = null!;

    protected BotAppFactory Bot { get; private set; } = null!;

    protected virtual BotAppOptions Configure(BotAppOptions options) => options;

    /// <summary>A demo person as a Teams user whose serviceUrl is the stub.</summary>
    protected TeamsUser User(string personId) => DemoUsers.ById(personId, Connector.ServiceUrl);

    public virtual async Task InitializeAsync()
    {
        Connector = await ConnectorStub.StartAsync();
        Bot = await BotAppFactory.StartAsync(Configure(new BotAppOptions { Connector = Connector }));
    }

    public virtual async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
