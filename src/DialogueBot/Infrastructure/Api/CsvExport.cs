using System.Globalization;
using System.Text;
using DialogueBot.BotFramework.Routing;

namespace DialogueBot.Infrastructure.Api;

/// <summary>The CSV exports (pulse results, skip-level status): one cell rule and one way to ask for CSV.</summary>
public static class CsvExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>True when the caller asked for CSV with <c>?format=csv</c> or <c>Accept: text/csv</c>.</summary>
    public static bool IsWanted(HttpRequest request, string? format) =>
        string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
        || request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase);

    public static IResult Result(string csv) => Results.Text(csv, ContentType, Encoding.UTF8);

    /// <summary>
    /// One cell: control and bidi characters removed (<see cref="UserText"/>: a NUL or an ESC sequence can
    /// hide text in a spreadsheet or a terminal, a bidi override can make it read backwards), quoted when it
    /// needs it, and a leading = + - @ (after any blanks, which some spreadsheets skip) defused with an
    /// apostrophe so a spreadsheet never runs people's text (a comment, a name) as a formula. Plain numbers,
    /// negative ones too, stay numbers.
    /// </summary>
    public static string Cell(string? value)
    {
        value = UserText.Clean(value ?? "");
        var trimmed = value.TrimStart();
        if (trimmed.Length > 0 && trimmed[0] is '=' or '+' or '-' or '@' && !double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
