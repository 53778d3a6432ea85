using System.Text.Json;
using DialogueBot.BotFramework.Routing;

namespace DialogueBot.BotFramework.Tests;

/// <summary>The strict typed readers of card data keep "absent" and "not valid" apart.</summary>
public class CardFieldReaderTests
{
    public enum Size
    {
        Small,
        Large,
    }

    private static CardActionRequest Data(string json) => new("test.verb", JsonDocument.Parse(json).RootElement, IsInvoke: true, IsRefresh: false);

    [Theory]
    [InlineData("""{"on":true}""", CardFieldState.Valid, true)]
    [InlineData("""{"on":false}""", CardFieldState.Valid, false)]
    [InlineData("""{"on":"true"}""", CardFieldState.Valid, true)]
    [InlineData("""{"on":"False"}""", CardFieldState.Valid, false)]
    [InlineData("""{}""", CardFieldState.Missing, false)]
    [InlineData("""{"on":null}""", CardFieldState.Missing, false)]
    [InlineData("""{"on":"maybe"}""", CardFieldState.Invalid, false)]
    [InlineData("""{"on":""}""", CardFieldState.Invalid, false)]
    [InlineData("""{"on":1}""", CardFieldState.Invalid, false)]
    [InlineData("""{"on":{"a":1}}""", CardFieldState.Invalid, false)]
    public void GetBoolean_is_strict(string json, CardFieldState state, bool value)
    {
        var field = Data(json).GetBoolean("on");

        Assert.Equal(state, field.State);
        Assert.Equal(value, field.Value);
        Assert.Equal(state == CardFieldState.Valid ? value : null, field.OrNull);
    }

    [Theory]
    [InlineData("""{"size":"Large"}""", CardFieldState.Valid, Size.Large)]
    [InlineData("""{"size":"small"}""", CardFieldState.Valid, Size.Small)]
    [InlineData("""{}""", CardFieldState.Missing, Size.Small)]
    [InlineData("""{"size":"1"}""", CardFieldState.Invalid, Size.Small)]
    [InlineData("""{"size":1}""", CardFieldState.Invalid, Size.Small)]
    [InlineData("""{"size":"Huge"}""", CardFieldState.Invalid, Size.Small)]
    [InlineData("""{"size":"Small, Large"}""", CardFieldState.Invalid, Size.Small)]
    public void GetEnum_accepts_member_names_only(string json, CardFieldState state, Size value)
    {
        var field = Data(json).GetEnum<Size>("size");

        Assert.Equal(state, field.State);
        Assert.Equal(value, field.Value);
    }

    [Fact]
    public void Submit_data_that_is_not_an_object_reads_as_missing()
    {
        Assert.Equal(CardFieldState.Missing, Data("[1]").GetBoolean("on").State);
        Assert.Equal(CardFieldState.Missing, Data("\"x\"").GetEnum<Size>("size").State);
    }
}
