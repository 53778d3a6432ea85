using DialogueBot.Testing;
using DialogueBot.Testing.Hostile;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace DialogueBot.Tests.Hostile;

/// <summary>
/// A third of the hostile corpus again, this time as production sees it: the bot has an app id and every
/// request carries a genuine channel token (for the connector's serviceUrl), so the hostile bodies reach
/// token validation and the routes with an identity attached. The same rules hold.
/// </summary>
public sealed class HostileInputWithTokensTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string AppId = "6a4c7d1e-1c2b-4b7e-9f0a-5d4e3c2b1a09";
    private readonly LogCapture _logs = new();
    private OpenIdStub _openId = null!;
    private ConnectorStub _connector = null!;
    private BotAppFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _openId = await OpenIdStub.StartAsync();
        _connector = await ConnectorStub.StartAsync();
        _bot = await BotAppFactory.StartAsync(new BotAppOptions
        {
            AppId = AppId,
            OpenId = _openId,
            Connector = _connector,
            RunWorker = false,
            RunScheduler = false,
            ConfigureServices = s => s.AddSingleton<ILoggerProvider>(_logs),
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        await _openId.DisposeAsync();
    }

    [Fact]
    public async Task Hostile_requests_with_a_genuine_token_get_a_4xx_or_a_polite_card_and_write_nothing_when_refused()
    {
        TeamsUser[] users = [DemoUsers.Alex(_connector.ServiceUrl), DemoUsers.Megan(_connector.ServiceUrl), DemoUsers.ById("p27", _connector.ServiceUrl), DemoUsers.Stranger(_connector.ServiceUrl)];
        var corpus = HostileCorpus.For(_bot, _connector.ServiceUrl, users).Generate().Where((_, i) => i % 3 == 0).ToList();
        var token = _openId.Issue(new TokenSpec { Audience = AppId, ServiceUrl = _connector.ServiceUrl });
        foreach (var user in users.Take(3))
        {
            await _bot.SendAsync(user.Install(), token);
        }

        var runner = new HostileRunner(_bot, _connector, _logs, () => token);
        var failures = await runner.RunAsync(corpus);

        output.WriteLine($"{runner.Sent} hostile requests with a valid token; {runner.Refused} refused; statuses: " +
            string.Join(", ", runner.StatusCounts.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} of {corpus.Count} hostile requests were mishandled:\n" + string.Join("\n", failures.Take(200)));
    }
}
