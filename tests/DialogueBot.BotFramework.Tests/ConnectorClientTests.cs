using System.Net;
using DialogueBot.BotFramework.Authentication;
using DialogueBot.BotFramework.Connector;
using DialogueBot.BotFramework.Hosting;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DialogueBot.BotFramework.Tests;

/// <summary>The Connector client against a local server that speaks the Connector REST shape.</summary>
public sealed class ConnectorClientTests : IAsyncLifetime
{
    private ConnectorStub _stub = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _stub = await ConnectorStub.StartAsync();
        _services = Build(new Dictionary<string, string?>
        {
            ["Bot:AllowedServiceUrlHosts:0"] = "127.0.0.1",
            ["Bot:Connector:BaseDelay"] = "00:00:00.020",
            ["Bot:Connector:MaxInlineRetryAfter"] = "00:00:05",
        });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _stub.DisposeAsync();
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, string? token = "the-bot-token")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddBotFramework(configuration);
        services.RemoveAll<IBotAccessTokenProvider>();
        services.AddSingleton<IBotAccessTokenProvider>(new FixedToken(token));
        return services.BuildServiceProvider();
    }

    private IConnectorClient Client => _services.GetRequiredService<IConnectorClient>();

    [Fact]
    public async Task Sends_to_the_conversation_route_with_the_bot_token_and_escaped_ids()
    {
        var response = await Client.SendToConversationAsync(_stub.ServiceUrl, "a:1;messageid=2", new Activity { Text = "hi" });

        var request = _stub.Requests.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal(["v3", "conversations", "a:1;messageid=2", "activities"], request.Segments);
        Assert.Equal("Bearer the-bot-token", request.Authorization);
        Assert.StartsWith("activity-", response.Id);
    }

    [Fact]
    public async Task Reply_update_and_delete_use_their_own_routes()
    {
        await Client.ReplyToActivityAsync(_stub.ServiceUrl, "a:c", "act-1", new Activity { Text = "reply" });
        await Client.UpdateActivityAsync(_stub.ServiceUrl, "a:c", "act-1", new Activity { Text = "updated" });
        await Client.DeleteActivityAsync(_stub.ServiceUrl, "a:c", "act-1");

        Assert.Equal([ActivityKinds.Reply, ActivityKinds.Update, ActivityKinds.Delete], _stub.Activities.Select(a => a.Kind));
        Assert.Equal(["POST", "PUT", "DELETE"], _stub.Requests.Select(r => r.Method));
        Assert.All(_stub.Requests, r => Assert.Equal("act-1", r.Segments[4]));
    }

    [Fact]
    public async Task Creating_a_one_to_one_conversation_twice_returns_the_same_conversation()
    {
        var parameters = new ConversationParameters { IsGroup = false, Bot = new ChannelAccount { Id = "28:bot" }, Members = [new ChannelAccount { Id = "29:user" }], TenantId = "t" };

        var first = await Client.CreateConversationAsync(_stub.ServiceUrl, parameters);
        var second = await Client.CreateConversationAsync(_stub.ServiceUrl, parameters);

        Assert.Equal(first.Id, second.Id);
        Assert.StartsWith("a:", first.Id);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_and_the_message_is_delivered_once()
    {
        _stub.FailNext(2, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(1));
        var started = DateTime.UtcNow;

        await Client.SendToConversationAsync(_stub.ServiceUrl, "a:c", new Activity { Text = "once" });

        Assert.Equal(3, _stub.Requests.Count);
        Assert.Single(_stub.Activities);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(1.9), "Retry-After: 1 twice means at least two seconds of waiting");
    }

    [Fact]
    public async Task Transient_5xx_are_retried_with_backoff()
    {
        _stub.FailNext(2, HttpStatusCode.BadGateway);

        await Client.SendToConversationAsync(_stub.ServiceUrl, "a:c", new Activity { Text = "x" });

        Assert.Single(_stub.Activities);
        Assert.Equal(3, _stub.Requests.Count);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_cap_is_handed_back_to_the_caller()
    {
        _stub.FailNext(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(120));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Client.SendToConversationAsync(_stub.ServiceUrl, "a:c", new Activity { Text = "x" }));

        Assert.True(error.IsThrottled);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task A_removed_user_is_reported_as_gone_not_retried()
    {
        _stub.FailNext(1, HttpStatusCode.Forbidden);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Client.SendToConversationAsync(_stub.ServiceUrl, "a:c", new Activity { Text = "x" }));

        Assert.True(error.IsConversationGone);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task No_request_and_no_token_go_to_a_host_outside_the_allow_list()
    {
        await using var strict = Build([]);
        var client = strict.GetRequiredService<IConnectorClient>();

        await Assert.ThrowsAsync<ServiceUrlNotAllowedException>(() => client.SendToConversationAsync(_stub.ServiceUrl, "a:c", new Activity { Text = "x" }));

        Assert.Empty(_stub.Requests);
    }

    [Fact]
    public async Task In_dev_mode_loopback_is_allowed_and_no_token_is_sent()
    {
        await using var dev = Build(new Dictionary<string, string?> { ["Bot:DevMode"] = "true" }, token: null);
        var client = dev.GetRequiredService<IConnectorClient>();

        await client.SendToConversationAsync(_stub.ServiceUrl, "a:c", new Activity { Text = "x" });

        Assert.Equal("", _stub.Requests.Single().Authorization);
    }

    private sealed class FixedToken(string? token) : IBotAccessTokenProvider
    {
        public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult(token);
    }
}
