using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DialogueBot.Tests.Protocol;

/// <summary>
/// Issue 20: dev mode trusts loopback, and a dev tunnel or reverse proxy on the developer's machine is
/// loopback too. A request that carries forwarding headers, or names a Host that is not loopback, came
/// through such a hop: it is refused with a 403 that says why, and one log line, on the bot endpoint, the
/// API (where X-Dev-User would pick anyone) and the tab pages alike.
/// </summary>
public sealed class DevModeForwardingTests : IAsyncLifetime
{
    private const string Megan = "00000000-0000-0000-0000-0000000000021";

    private readonly LogCapture _logs = new();
    private ConnectorStub _connector = null!;
    private BotAppFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await ConnectorStub.StartAsync();
        _bot = await BotAppFactory.StartAsync(new BotAppOptions { Connector = _connector, ConfigureServices = s => s.AddSingleton<ILoggerProvider>(_logs) });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Theory]
    [InlineData("Forwarded", "for=203.0.113.7;proto=https")]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("X-Forwarded-Host", "abc123-3978.euw.devtunnels.ms")]
    [InlineData("X-Forwarded-Proto", "https")]
    [InlineData("X-Real-IP", "203.0.113.7")]
    [InlineData("X-Original-For", "203.0.113.7")]
    [InlineData("X-Original-Host", "abc123.ngrok.app")]
    [InlineData("Via", "1.1 proxy")]
    public async Task A_request_with_a_forwarding_header_is_refused_everywhere(string header, string value)
    {
        foreach (var (method, path) in Paths())
        {
            using var response = await SendAsync(method, path, r => r.Headers.TryAddWithoutValidation(header, value));

            await AssertRefusedAsync(response, header);
        }

        Assert.Empty(_connector.Requests);
        Assert.Equal(Paths().Length, _logs.Warnings.Count(l => l.Contains("Dev mode refused", StringComparison.Ordinal) && l.Contains(header, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("abc123-3978.euw.devtunnels.ms")]
    [InlineData("192.168.1.20:3978")]
    [InlineData("localhost.evil.example")]
    public async Task A_request_naming_a_Host_that_is_not_loopback_is_refused_everywhere(string host)
    {
        foreach (var (method, path) in Paths())
        {
            using var response = await SendAsync(method, path, r => r.Headers.Host = host);

            await AssertRefusedAsync(response, "is not loopback");
        }

        Assert.Empty(_connector.Requests);
        Assert.Equal(Paths().Length, _logs.Warnings.Count(l => l.Contains("Dev mode refused", StringComparison.Ordinal) && l.Contains("is not loopback", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("localhost:3978")]
    [InlineData("127.0.0.1:3978")]
    [InlineData("[::1]:3978")]
    public async Task A_direct_loopback_request_is_still_served(string host)
    {
        using var me = await SendAsync(HttpMethod.Get, "/api/me", r => r.Headers.Host = host);
        using var message = await SendAsync(HttpMethod.Post, "/api/messages", r => r.Headers.Host = host);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("Megan Bowen", (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, message.StatusCode);
    }

    private static (HttpMethod Method, string Path)[] Paths() =>
        [(HttpMethod.Post, "/api/messages"), (HttpMethod.Get, "/api/me"), (HttpMethod.Get, "/api/org/summary?devUser=" + Megan), (HttpMethod.Get, "/tabs/tab-auth.js")];

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Action<HttpRequestMessage> change)
    {
        using var client = _bot.CreateClient();
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Dev-User", Megan);
        if (method == HttpMethod.Post)
        {
            var activity = DemoUsers.Alex(_connector.ServiceUrl).Message("help");
            request.Content = new StringContent(JsonSerializer.Serialize(activity, BotJson.Options), Encoding.UTF8, "application/json");
        }

        change(request);
        return await client.SendAsync(request);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string reason)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Dev mode serves direct loopback callers only", problem.GetProperty("title").GetString());
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Megan", body, StringComparison.Ordinal);
    }
}
