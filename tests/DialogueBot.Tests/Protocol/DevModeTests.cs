using System.Net;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Protocol;

/// <summary>Local dev mode: anonymous requests, from loopback only; without dev mode or an app id, nothing.</summary>
public class DevModeTests
{
    [Fact]
    public async Task Dev_mode_accepts_an_anonymous_request_from_loopback()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var bot = await BotAppFactory.StartAsync(new BotAppOptions { Connector = connector, SeedDemoOrg = false });

        using var response = await bot.PostActivityAsync(DemoUsers.Alex(connector.ServiceUrl).Message("help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Dev_mode_refuses_a_request_from_another_machine()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var bot = await BotAppFactory.StartAsync(new BotAppOptions { Connector = connector, SeedDemoOrg = false, RemoteIp = IPAddress.Parse("10.1.2.3") });

        using var response = await bot.PostActivityAsync(DemoUsers.Alex(connector.ServiceUrl).Message("help"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task Without_an_app_id_and_without_dev_mode_every_request_is_refused()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var bot = await BotAppFactory.StartAsync(new BotAppOptions { Connector = connector, SeedDemoOrg = false, DevMode = false });

        using var response = await bot.PostActivityAsync(DemoUsers.Alex(connector.ServiceUrl).Message("help"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dev_mode_refuses_to_call_a_serviceUrl_that_is_not_loopback()
    {
        await using var bot = await BotAppFactory.StartAsync(new BotAppOptions { SeedDemoOrg = false });

        using var response = await bot.PostActivityAsync(DemoUsers.Alex("https://evil.example/").Message("help"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:3978", true)]
    [InlineData("http://localhost:3978", true)]
    [InlineData("http://[::1]:3978", true)]
    [InlineData("http://0.0.0.0:3978", false)]
    [InlineData("http://+:3978", false)]
    [InlineData("http://*:80", false)]
    [InlineData("http://10.0.0.4:3978", false)]
    public void The_guard_knows_loopback_addresses(string address, bool loopback) =>
        Assert.Equal(loopback, DialogueBot.BotFramework.Hosting.DevModeGuard.IsLoopbackAddress(address));
}
