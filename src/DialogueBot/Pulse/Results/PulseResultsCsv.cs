using System.Globalization;
using System.Text;
using DialogueBot.Infrastructure.Api;

namespace DialogueBot.Pulse.Results;

/// <summary>Results as CSV, one figure per line: pulse, run, filter, question, measure, label, value.</summary>
public static class PulseResultsCsv
{
    public static string Write(PulseResultsView view)
    {
        var csv = new StringBuilder("pulse,run,filter,question,measure,label,value\n");
        void Line(string question, string measure, string label, string value) =>
            csv.Append(string.Join(',', new[] { view.PulseId, view.RunId, view.Filter.Key, question, measure, label, value }.Select(CsvExport.Cell))).Append('\n');

        Line("", "status", view.Status.ToString(), view.Message);
        if (view.Respondents is { } n)
        {
            Line("", "respondents", "", n.ToString(CultureInfo.InvariantCulture));
        }

        if (view.ResponseRate is { } rate)
        {
            Line("", "responseRatePercent", "", rate.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var q in view.Questions)
        {
            if (q.Suppressed is { } why)
            {
                Line(q.Text, "suppressed", "", why);
                continue;
            }

            Line(q.Text, "answers", "", q.Answers?.ToString(CultureInfo.InvariantCulture) ?? "");
            if (q.Mean is { } mean)
            {
                Line(q.Text, "mean", "", mean.ToString(CultureInfo.InvariantCulture));
            }

            if (q.Enps is { } enps)
            {
                Line(q.Text, "enps", "", enps.ToString(CultureInfo.InvariantCulture));
            }

            foreach (var b in q.Distribution)
            {
                Line(q.Text, "count", b.Label, b.Count.ToString(CultureInfo.InvariantCulture));
            }

            foreach (var c in q.Comments)
            {
                Line(q.Text, "comment", "", c);
            }
        }

        return csv.ToString();
    }
}
