using System.Text;
using DialogueBot.BotFramework.Hosting;

namespace DialogueBot.BotFramework.Tests;

public sealed class JsonTextGuardTests
{
    [Theory]
    [InlineData("""{"type":"message","text":"héllo 👋"}""")]
    [InlineData("""{"value":{"a":"\ud83d\udc4b","b":["x",1,true,null]}}""")]
    [InlineData("""{"value":{"\u00e9":"escaped but whole"}}""")]
    public void Whole_text_passes(string json) => Assert.True(JsonTextGuard.HasOnlyValidText(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"value":{"answer":"\ud800"}}""")]
    [InlineData("""{"value":{"answer":"tail \udc00"}}""")]
    [InlineData("""{"value":{"\ud800":"in a property name"}}""")]
    public void A_lone_surrogate_escape_is_refused(string json) => Assert.False(JsonTextGuard.HasOnlyValidText(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Invalid_utf8_bytes_are_refused()
    {
        byte[] json = [.. "{\"text\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        Assert.False(JsonTextGuard.HasOnlyValidText(json));
    }

    [Fact]
    public void Malformed_json_is_left_to_the_deserializer() => Assert.True(JsonTextGuard.HasOnlyValidText("{\"text\": "u8));
}
