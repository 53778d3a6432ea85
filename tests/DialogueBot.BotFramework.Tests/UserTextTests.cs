using System.Text.Json;
using DialogueBot.BotFramework.Routing;
using DialogueBot.BotFramework.Schema;

namespace DialogueBot.BotFramework.Tests;

public sealed class UserTextTests
{
    [Theory]
    [InlineData("plain text, unchanged", "plain text, unchanged")]
    [InlineData("a\u0000b\u0007c\u001b[31md", "abc[31md")] // NUL, BEL, ESC
    [InlineData("x\u007fy\u0080z\u009f", "xyz")] // DEL and C1
    [InlineData("one\r\ntwo\rthree\nfour", "one\ntwo\nthree\nfour")]
    [InlineData("tab\there", "tab here")]
    [InlineData("line\u2028para\u2029end", "line\npara\nend")]
    [InlineData("\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee", "abcde")] // embeddings and overrides
    [InlineData("\u2066a\u2067b\u2068c\u2069", "abc")] // isolates
    [InlineData("\u200Eleft\u200Fright\u061Carabic", "leftrightarabic")] // direction marks
    [InlineData("\uFEFFbom", "bom")]
    [InlineData("INJrtl \u202Egnp.exe\u202C", "INJrtl gnp.exe")]
    public void Removes_controls_and_bidi_characters_and_normalises_line_breaks(string input, string expected) =>
        Assert.Equal(expected, UserText.Clean(input));

    [Theory]
    [InlineData("👩‍👩‍👧‍👦 🏳️‍🌈 𝕳𝖊𝖑𝖑𝖔")] // ZWJ sequences, variation selectors, astral letters
    [InlineData("שלום עולם and مرحبا")] // right-to-left scripts themselves are text
    [InlineData("  leading and trailing blanks stay, the caller trims  ")]
    [InlineData("zero\u200Bwidth\u200Cnon-joiner")]
    [InlineData("é (e + U+0301) and ü")]
    [InlineData("")]
    public void Keeps_ordinary_text_exactly(string input)
    {
        Assert.Same(input, UserText.Clean(input)); // nothing to do allocates nothing
        Assert.True(UserText.IsClean(input));
    }

    [Fact]
    public void Null_stays_null() => Assert.Null(UserText.Clean((string?)null));

    [Fact]
    public void Cleaning_twice_changes_nothing_more()
    {
        var once = UserText.Clean("a\r\r\nb\u202E\t\u0000c\u2029");
        Assert.Equal("a\n\nb c\n", once);
        Assert.Equal(once, UserText.Clean(once));
    }

    [Fact]
    public void Json_is_cleaned_in_every_string_and_property_name_and_keeps_other_values()
    {
        var element = JsonDocument.Parse("""{"text":"a\u0000b","list":["\u202Ex",1,true,null],"nested":{"k\u0007":"\ufeffv"},"n":2.5}""").RootElement;

        var cleaned = UserText.Clean(element);

        Assert.Equal("""{"text":"ab","list":["x",1,true,null],"nested":{"k":"v"},"n":2.5}""", cleaned.GetRawText());
    }

    [Fact]
    public void Clean_json_is_returned_as_it_is()
    {
        var element = JsonDocument.Parse("""{"text":"fine 👋","n":1}""").RootElement;
        Assert.Equal(element.GetRawText(), UserText.Clean(element).GetRawText());
        Assert.Equal(JsonValueKind.Undefined, UserText.Clean(default(JsonElement)).ValueKind);
    }

    [Fact]
    public void Card_action_data_is_cleaned_at_the_door_for_execute_and_submit_alike()
    {
        var execute = new Activity
        {
            Type = ActivityTypes.Invoke,
            Name = InvokeNames.AdaptiveCardAction,
            Value = JsonDocument.Parse("""{"action":{"type":"Action.Execute","verb":"x.y","data":{"comment":"hi\u0000\u0007\u001b\u202E\ufeff there"}},"trigger":"manual"}""").RootElement,
        };
        var submit = new Activity
        {
            Type = ActivityTypes.Message,
            Value = JsonDocument.Parse("""{"verb":"x.y","comment":"hi\u0000\u0007\u001b\u202E\ufeff there"}""").RootElement,
        };

        foreach (var activity in new[] { execute, submit })
        {
            var action = CardActionRequest.From(activity)!;
            Assert.Equal("hi there", action.GetString("comment"));
            Assert.Equal("hi there", action.Data.GetProperty("comment").GetString()); // readers of the raw data too
        }
    }

    [Fact]
    public void A_command_argument_is_cleaned() =>
        Assert.Equal("Why \u00e9?", ActivityRouter.ArgumentOf("<at>Bot</at> ask Why\u0000 \u202E\u00e9?\u0007"));
}
