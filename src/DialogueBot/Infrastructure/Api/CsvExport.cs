using System.Globalization;
using System.Text;

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
    /// One cell: quoted when it needs it, and a leading = + - @ defused with an apostrophe so a spreadsheet
    /// never runs people's text (a comment, a name) as a formula. Plain numbers, negative ones too, stay numbers.
    /// </summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
