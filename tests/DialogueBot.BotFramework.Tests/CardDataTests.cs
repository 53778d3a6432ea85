using System.Text.Json;
using DialogueBot.BotFramework.Routing;
using Xunit;

namespace DialogueBot.BotFramework.Tests;

public sealed class CardDataTests
{
    private enum Choice
    {
        Yes,
        No,
    }

    private sealed record Answer(string RunId, int Version, bool Anonymous, Choice Choice, string? Note = null);

    private static CardData<Answer> Read(string json) => CardDataJson.Read<Answer>(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Reads_a_payload_with_inputs_sent_as_strings()
    {
        var data = Read("""{"runId":"r1","version":"3","anonymous":"true","choice":"no","verb":"pulse.answer"}""");

        Assert.True(data.IsValid);
        Assert.Equal(new Answer("r1", 3, true, Choice.No), data.Value);
    }

    [Theory]
    [InlineData("""{"version":3,"anonymous":true,"choice":"yes"}""", "The field 'runId' is missing.")]
    [InlineData("""{"runId":null,"version":3,"anonymous":true,"choice":"yes"}""", "The field 'runId' is not valid.")]
    [InlineData("""{"runId":"r","version":"x","anonymous":true,"choice":"yes"}""", "The field 'version' is not valid.")]
    [InlineData("""{"runId":"r","version":1,"anonymous":"maybe","choice":"yes"}""", "The field 'anonymous' is not valid.")]
    [InlineData("""{"runId":"r","version":1,"anonymous":true,"choice":"7"}""", "The field 'choice' is not valid.")]
    [InlineData("""{"runId":"r","version":1,"anonymous":true,"choice":1}""", "The field 'choice' is not valid.")]
    [InlineData("""[1]""", "The card sent no data.")]
    public void A_missing_or_malformed_field_is_named(string json, string error)
    {
        var data = Read(json);

        Assert.False(data.IsValid);
        Assert.Equal(error, data.Error);
    }
}
