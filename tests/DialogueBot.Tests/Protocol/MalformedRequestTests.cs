using System.Net;
using System.Text.Json;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Protocol;

/// <summary>Bad requests get a clear 4xx with a problem body: never a 500, never a stack trace.</summary>
public sealed class MalformedRequestTests(SharedBot host) : BotTest(host), IClassFixture<SharedBot>
{
    private string Url => Connector.ServiceUrl;

    public static TheoryData<string, string, HttpStatusCode> Cases => new()
    {
        { "not JSON", "this is not json", HttpStatusCode.BadRequest },
        { "JSON array", "[1,2,3]", HttpStatusCode.BadRequest },
        { "empty object", "{}", HttpStatusCode.BadRequest },
        { "type of wrong kind", """{"type":42}""", HttpStatusCode.BadRequest },
        { "no serviceUrl", """{"type":"message","channelId":"msteams","from":{"id":"29:a"},"conversation":{"id":"a:b"}}""", HttpStatusCode.BadRequest },
        { "relative serviceUrl", """{"type":"message","channelId":"msteams","serviceUrl":"/x","from":{"id":"29:a"},"conversation":{"id":"a:b"}}""", HttpStatusCode.BadRequest },
        { "no conversation", """{"type":"message","channelId":"msteams","serviceUrl":"SERVICE","from":{"id":"29:a"}}""", HttpStatusCode.BadRequest },
        { "no from", """{"type":"message","channelId":"msteams","serviceUrl":"SERVICE","conversation":{"id":"a:b"}}""", HttpStatusCode.BadRequest },
        { "invoke without name", """{"type":"invoke","channelId":"msteams","serviceUrl":"SERVICE","from":{"id":"29:a"},"conversation":{"id":"a:b"}}""", HttpStatusCode.BadRequest },
        { "deep nesting", """{"type":"message","channelId":"msteams","serviceUrl":"SERVICE","from":{"id":"29:a"},"conversation":{"id":"a:b"},"value":""" + new string('[', 200) + new string(']', 200) + "}", HttpStatusCode.BadRequest },
        { "unknown activity type", """{"type":"somethingNew","channelId":"msteams","serviceUrl":"SERVICE","from":{"id":"29:a"},"conversation":{"id":"a:b"}}""", HttpStatusCode.OK },
        { "message reaction", """{"type":"messageReaction","channelId":"msteams","serviceUrl":"SERVICE","from":{"id":"29:a"},"conversation":{"id":"a:b"},"reactionsAdded":[{"type":"like"}]}""", HttpStatusCode.OK },
        { "unknown invoke", """{"type":"invoke","name":"composeExtension/query","channelId":"msteams","serviceUrl":"SERVICE","from":{"id":"29:a"},"conversation":{"id":"a:b"}}""", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_malformed_activity_gets_a_clear_answer(string what, string body, HttpStatusCode expected)
    {
        using var response = await Bot.PostRawAsync(body.Replace("SERVICE", Url, StringComparison.Ordinal));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(expected == response.StatusCode, $"{what}: expected {expected}, got {response.StatusCode}: {text}");
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        if (expected != HttpStatusCode.OK)
        {
            using var problem = JsonDocument.Parse(text);
            Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("detail").GetString()));
        }
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        var huge = DemoUsers.Alex(Url).Message(new string('x', 300 * 1024));

        using var response = await Bot.PostActivityAsync(huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_by_content_type_is_refused_with_415()
    {
        using var response = await Bot.PostRawAsync("type=message", contentType: "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_card_verb_gets_a_polite_out_of_date_card()
    {
        var card = await Bot.InvokeCardAsync(DemoUsers.Alex(Url).Execute("forged.verb", new { anything = 1 }));

        Assert.Contains("out of date", CardTexts.Of(card), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Nothing_is_sent_for_refused_requests_and_theBot_keeps_serving()
    {
        foreach (var (_, body, _) in Cases.Select(c => ((string)c[0], (string)c[1], (HttpStatusCode)c[2])))
        {
            using var _ = await Bot.PostRawAsync(body.Replace("SERVICE", Url, StringComparison.Ordinal));
        }

        Assert.Empty(Connector.Activities);
        using var ok = await Bot.PostActivityAsync(DemoUsers.Alex(Url).Message("help"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }
}
