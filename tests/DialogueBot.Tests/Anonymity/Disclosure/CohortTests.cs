using System.Text.Json;
using DialogueBot.Infrastructure.Anonymity.Disclosure;

namespace DialogueBot.Tests.Anonymity.Disclosure;

/// <summary>The cohort value: one spelling per group, its parent and its label, without storage.</summary>
public class CohortTests
{
    [Theory]
    [InlineData("all", CohortKind.Everyone, "", null)]
    [InlineData("unit:Engineering/Platform", CohortKind.Unit, "Engineering/Platform", null)]
    [InlineData("unit:A:x/B", CohortKind.Unit, "A:x/B", null)]
    [InlineData("level:4", CohortKind.Level, "", 4)]
    [InlineData("cell:4:A/B", CohortKind.Cell, "A/B", 4)]
    [InlineData("cell:-:A:x/B", CohortKind.Cell, "A:x/B", null)]
    [InlineData("cell:-:", CohortKind.Cell, "", null)]
    public void A_stored_key_parses_into_its_kind_unit_and_level_and_writes_back_the_same(string key, CohortKind kind, string unit, int? level)
    {
        Assert.True(Cohort.TryParse(key, out var cohort));
        Assert.Equal((kind, unit, level), (cohort.Kind, cohort.Unit, cohort.Level));
        Assert.Equal(key, cohort.Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("All")]
    [InlineData("unit:")]
    [InlineData("level:04")]
    [InlineData("level:-1")]
    [InlineData("level:x")]
    [InlineData("cell:3")]
    [InlineData("cell:x:A")]
    [InlineData("Engineering")]
    public void Anything_that_is_not_the_one_spelling_of_a_cohort_is_refused(string? key)
    {
        Assert.False(Cohort.TryParse(key, out _));
        Assert.Throws<FormatException>(() => Cohort.Parse(key ?? ""));
    }

    [Fact]
    public void The_parent_of_a_unit_is_the_unit_above_then_everyone_and_a_level_lies_in_everyone()
    {
        Assert.Equal(Cohort.OfUnit("A/B"), Cohort.OfUnit("A/B/C").Parent);
        Assert.Equal(Cohort.OfUnit("A"), Cohort.OfUnit("A/B").Parent);
        Assert.Equal(Cohort.Everyone, Cohort.OfUnit("A").Parent);
        Assert.Equal(Cohort.Everyone, Cohort.OfLevel(3).Parent);
        Assert.Equal(Cohort.Everyone, Cohort.Everyone.Parent);
        Assert.Equal(Cohort.Everyone, Cohort.OfUnit("")); // no unit is everyone, never "unit:"
    }

    [Fact]
    public void Labels_read_as_a_reader_names_the_group()
    {
        Assert.Equal("Everyone", Cohort.Everyone.Label);
        Assert.Equal("Engineering/Platform", Cohort.OfUnit("Engineering/Platform").Label);
        Assert.Equal("Level 4", Cohort.OfLevel(4).Label);
    }

    [Fact]
    public void A_response_counts_in_everyone_its_unit_and_ancestors_its_level_and_exactly_one_cell()
    {
        Assert.Equal(["all", "unit:A", "unit:A/B", "level:4", "cell:4:A/B"], Cohort.AllOf("A/B", 4).Select(c => c.Key));
        Assert.Equal(["all", "cell:-:"], Cohort.AllOf("", null).Select(c => c.Key));
        Assert.True(Cohort.OfUnit("A").Holds("A/B", 4));
        Assert.True(Cohort.OfLevel(4).Holds("A/B", 4));
        Assert.False(Cohort.OfUnit("A/B").Holds("A", 4));
        Assert.False(Cohort.OfUnit("A").Holds("AB", null)); // a prefix of the name is not a parent
        Assert.True(Cohort.CellOf("A/B", 4).Holds("A/B", 4));
        Assert.False(Cohort.CellOf("A", null).Holds("A/B", null)); // a cell holds its own pair only
    }

    [Fact]
    public void In_json_a_cohort_is_its_key()
    {
        var json = JsonSerializer.Serialize(new { filter = Cohort.OfUnit("Engineering"), all = Cohort.Everyone });
        Assert.Equal("""{"filter":"unit:Engineering","all":"all"}""", json);
        Assert.Equal(Cohort.OfLevel(3), JsonSerializer.Deserialize<Cohort>("\"level:3\""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Cohort>("\"level:03\""));
    }
}
