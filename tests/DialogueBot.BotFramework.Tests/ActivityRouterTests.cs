using DialogueBot.BotFramework.Connector;
using DialogueBot.BotFramework.Routing;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Testing;
using Moq;

namespace DialogueBot.BotFramework.Tests;

public class ActivityRouterTests
{
    private static readonly TeamsUser User = new("11111111-1111-1111-1111-111111111111", "Test User", "https://smba.trafficmanager.net/emea/");

    private static ActivityRouter Router(List<string> hits) => new ActivityRouter()
        .OnCommand("help", (_, _) => Hit(hits, "help"))
        .OnCommand("ask", (_, _) => Hit(hits, "ask"))
        .OnCardAction("pulse.answer", (_, _, _) => Hit(hits, "pulse.answer"))
        .OnInstall((_, _) => Hit(hits, "install"))
        .OnUninstall((_, _) => Hit(hits, "uninstall"))
        .OnUnknownCardAction((_, _, _) => Hit(hits, "unknown-verb"))
        .OnUnhandledMessage((_, _) => Hit(hits, "fallback"));

    private static Task<InvokeResponse?> Hit(List<string> hits, string name)
    {
        hits.Add(name);
        return Task.FromResult<InvokeResponse?>(null);
    }

    private static string? Route(Activity activity)
    {
        var hits = new List<string>();
        var context = new TurnContext(activity, null, Mock.Of<IActivitySender>(), Mock.Of<IServiceProvider>());
        var route = Router(hits).Match(context);
        route?.Handler(context, CancellationToken.None).GetAwaiter().GetResult();
        return hits.SingleOrDefault();
    }

    [Theory]
    [InlineData("help", "help")]
    [InlineData("HELP", "help")]
    [InlineData("/help", "help")]
    [InlineData("  help me please", "help")]
    [InlineData("<at>DialogueBot</at> help", "help")]
    [InlineData("ask Why are we moving offices?", "ask")]
    [InlineData("hello", "fallback")]
    public void Messages_route_by_their_first_word(string text, string expected) =>
        Assert.Equal(expected, Route(User.Message(text)));

    [Fact]
    public void Card_actions_route_by_verb_whether_executed_or_submitted()
    {
        Assert.Equal("pulse.answer", Route(User.Execute("pulse.answer", new { pulseId = "x" })));
        Assert.Equal("pulse.answer", Route(User.Submit(new { verb = "pulse.answer" })));
        Assert.Equal("unknown-verb", Route(User.Execute("made.up")));
    }

    [Fact]
    public void Both_install_signals_and_both_uninstall_signals_are_recognised()
    {
        Assert.Equal("install", Route(User.Install()));
        Assert.Equal("install", Route(User.BotAdded()));
        Assert.Equal("uninstall", Route(User.Uninstall()));
        var removed = User.BotAdded();
        removed.MembersRemoved = removed.MembersAdded;
        removed.MembersAdded = null;
        Assert.Equal("uninstall", Route(removed));
    }

    [Fact]
    public void A_member_other_than_the_bot_joining_is_not_an_install()
    {
        var added = User.BotAdded();
        added.MembersAdded = [new ChannelAccount { Id = "29:someone-else" }];

        Assert.Null(Route(added));
    }

    [Fact]
    public void Activities_nobody_handles_are_ignored_without_a_route()
    {
        var reaction = User.Message("x");
        reaction.Type = ActivityTypes.MessageReaction;

        Assert.Null(Route(reaction));
    }

    [Fact]
    public void A_verb_cannot_be_routed_twice()
    {
        var router = new ActivityRouter().OnCardAction("a", (_, _, _) => Task.FromResult<InvokeResponse?>(null));

        Assert.Throws<InvalidOperationException>(() => router.OnCardAction("a", (_, _, _) => Task.FromResult<InvokeResponse?>(null)));
    }

    [Theory]
    [InlineData("ask  Why now? ", "Why now?")]
    [InlineData("<at>Bot</at> ask what next", "what next")]
    [InlineData("ask", "")]
    public void The_argument_is_the_text_after_the_command(string text, string expected) =>
        Assert.Equal(expected, ActivityRouter.ArgumentOf(text));

    [Theory]
    [InlineData(ConversationTypes.Channel)]
    [InlineData(ConversationTypes.GroupChat)]
    [InlineData(null)]
    public async Task A_personal_only_route_outside_a_1_to_1_chat_never_reaches_its_handler(string? conversationType)
    {
        var hits = new List<string>();
        var router = new ActivityRouter()
            .OnCommand("results", (_, _) => Hit(hits, "results"), personalOnly: true)
            .OnCardAction("pulse.answer", (_, _, _) => Hit(hits, "pulse.answer"), personalOnly: true)
            .OnNotPersonal((_, _) => Hit(hits, "not personal"));
        foreach (var activity in new[] { User.Message("results"), User.Execute("pulse.answer", new { runId = "r" }) })
        {
            activity.Conversation!.ConversationType = conversationType;
            var context = new TurnContext(activity, null, Mock.Of<IActivitySender>(), Mock.Of<IServiceProvider>());
            await router.Match(context)!.Handler(context, CancellationToken.None);
        }

        Assert.Equal(["not personal", "not personal"], hits);
    }

    [Fact]
    public async Task A_personal_only_route_runs_in_the_1_to_1_chat_and_others_run_anywhere()
    {
        var hits = new List<string>();
        var router = new ActivityRouter()
            .OnCommand("results", (_, _) => Hit(hits, "results"), personalOnly: true)
            .OnCommand("help", (_, _) => Hit(hits, "help"))
            .OnNotPersonal((_, _) => Hit(hits, "not personal"));
        var inChannel = User.Message("help");
        inChannel.Conversation!.ConversationType = ConversationTypes.Channel;
        foreach (var activity in new[] { User.Message("results"), inChannel })
        {
            var context = new TurnContext(activity, null, Mock.Of<IActivitySender>(), Mock.Of<IServiceProvider>());
            await router.Match(context)!.Handler(context, CancellationToken.None);
        }

        Assert.Equal(["results", "help"], hits);
    }
}
