using System.Net;
using DialogueBot.BotFramework.Routing;
using DialogueBot.Testing;
using DialogueBot.Testing.Hostile;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace DialogueBot.Tests.Hostile;

/// <summary>
/// The generated hostile corpus (issue 7) through the real pipeline of one bot host in dev mode. The card
/// verbs and commands come from the running router, so every feature's verbs are fuzzed once registered.
/// The worker and scheduler are off so every write during a request is that request's own.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly LogCapture _logs = new();
    private ConnectorStub _connector = null!;
    private BotAppFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await ConnectorStub.StartAsync();
        _bot = await BotAppFactory.StartAsync(new BotAppOptions
        {
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
    }

    private IReadOnlyList<TeamsUser> Users =>
    [
        DemoUsers.Alex(_connector.ServiceUrl),
        DemoUsers.Megan(_connector.ServiceUrl),
        DemoUsers.Patti(_connector.ServiceUrl),
        DemoUsers.ById("p27", _connector.ServiceUrl),
        DemoUsers.Stranger(_connector.ServiceUrl),
    ];

    private HostileCorpus Corpus() => HostileCorpus.For(_bot, _connector.ServiceUrl, Users);

    [Fact]
    public void The_corpus_has_over_500_requests_and_presses_every_registered_verb()
    {
        var router = _bot.Service<ActivityRouter>();
        var corpus = Corpus().Generate();

        Assert.True(corpus.Count >= 500, $"only {corpus.Count} hostile requests");
        Assert.NotEmpty(router.CardActionVerbs);
        Assert.All(router.CardActionVerbs, verb => Assert.Contains(corpus, r => r.Category == "verb-garbage" && r.Name.StartsWith(verb + " ", StringComparison.Ordinal)));
        Assert.All(router.Commands, command => Assert.Contains(corpus, r => r.Category == "text" && r.Name.StartsWith($"'{command}'", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Every_hostile_request_gets_a_4xx_or_a_polite_card_writes_nothing_when_refused_and_the_bot_keeps_serving()
    {
        foreach (var user in Users.Take(4))
        {
            await _bot.SendAsync(user.Install());
        }

        var corpus = Corpus().Generate();
        var runner = new HostileRunner(_bot, _connector, _logs);

        var failures = await runner.RunAsync(corpus);

        output.WriteLine($"{runner.Sent} hostile requests; {runner.Refused} refused; statuses: " +
            string.Join(", ", runner.StatusCounts.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        foreach (var group in corpus.GroupBy(r => r.Category))
        {
            output.WriteLine($"  {group.Key}: {group.Count()}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {corpus.Count} hostile requests were mishandled:\n" + string.Join("\n", failures.Take(200)));

        // Still serving: a plain message and a card press work as before.
        var alex = DemoUsers.Alex(_connector.ServiceUrl);
        using var ok = await _bot.PostActivityAsync(alex.Message("help"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await _connector.WaitForAsync(a => a.ConversationId == alex.ConversationId && a.CardText.Contains("What I can do for you", StringComparison.Ordinal));
        var card = await _bot.InvokeCardAsync(alex.Execute(DialogueBot.Help.HelpCard.ShowVerb));
        Assert.Contains("What I can do for you", CardTexts.Of(card), StringComparison.Ordinal);
    }
}
