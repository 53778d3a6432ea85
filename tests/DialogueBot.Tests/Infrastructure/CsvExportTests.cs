using DialogueBot.Infrastructure.Api;

namespace DialogueBot.Tests.Infrastructure;

public sealed class CsvExportTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1 more", "'+1 more")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("-rm", "'-rm")]
    public void A_cell_is_quoted_when_needed_and_formulas_are_defused(string value, string expected) =>
        Assert.Equal(expected, CsvExport.Cell(value));
}
