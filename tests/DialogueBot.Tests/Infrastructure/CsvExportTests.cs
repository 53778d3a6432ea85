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

    // Text stored before the door cleaned it still leaves the export clean, and hiding a formula behind
    // controls or blanks does not get it past the apostrophe.
    [Theory]
    [InlineData("a\u0000b\u0007c\u001b[2Jd\u202Ee\uFEFFf", "abc[2Jdef")]
    [InlineData("one\r\ntwo", "\"one\ntwo\"")]
    [InlineData("\u0000=1+1", "'=1+1")]
    [InlineData("\t=cmd|' /C calc'!A0", "' =cmd|' /C calc'!A0")]
    [InlineData("\u202E@SUM(A1)", "'@SUM(A1)")]
    [InlineData("  -2", "  -2")]
    public void A_cell_holds_no_control_or_bidi_character_and_stays_formula_safe(string value, string expected) =>
        Assert.Equal(expected, CsvExport.Cell(value));
}
