using System.Globalization;
using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Infrastructure.Anonymity.Disclosure;
using DialogueBot.Pulse.Lifecycle;
using DialogueBot.Pulse.Model;
using DialogueBot.Pulse.Results;
using DialogueBot.Pulse.Runs;

namespace DialogueBot.Pulse.Cards;

/// <summary>Results of one run for executives and HR: only what passed every anonymity rule is on it.</summary>
public static class PulseResultsCard
{
    public const string ResultsVerb = "pulse.results";

    /// <summary>The list of pulses (the `results` command as a button: help, and Back from one pulse's results).</summary>
    public const string ListVerb = "pulse.list";
    public const int MaxComments = 10;

    /// <param name="view">The results.</param>
    /// <param name="delivery">The run's delivery report in one line (counts only), when known.</param>
    /// <param name="time">How the reader reads dates (zone, language); UTC when unknown.</param>
    public static AdaptiveCard Build(PulseResultsView view, string? delivery = null, PersonTime? time = null)
    {
        time ??= PersonTime.Utc;
        var body = new List<CardElement>
        {
            new TextBlock(CardText.Markdown(view.Title, 120)) { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading },
            new TextBlock($"Run {view.Sequence} · closes {time.Day(view.ClosesAt)} · {CardText.Markdown(view.Filter.Label, 80)}") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None },
        };
        if (delivery is not null)
        {
            body.Add(new TextBlock(delivery) { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.None });
        }

        if (view.Status != ResultsStatus.Ready)
        {
            body.Add(new Container { Style = view.Status == ResultsStatus.FilterRefused ? ContainerStyle.Warning : ContainerStyle.Emphasis, Items = [new TextBlock(Heading(view.Status)) { Weight = FontWeight.Bolder }, new TextBlock(view.Message)] });
        }
        else
        {
            var facts = new List<Fact> { new("Responses", view.Respondents?.ToString(CultureInfo.InvariantCulture) ?? "–") };
            if (view.ResponseRate is { } rate)
            {
                facts.Add(new Fact("Response rate", $"{rate.ToString("0.#", CultureInfo.InvariantCulture)}% of {view.AudienceCount}"));
            }

            body.Add(new FactSet { Facts = facts });
            foreach (var question in view.Questions)
            {
                body.Add(new TextBlock(CardText.Markdown(question.Text, 300)) { Weight = FontWeight.Bolder, Spacing = Spacing.Large, Separator = true });
                if (question.Suppressed is { } why)
                {
                    body.Add(new TextBlock(why) { IsSubtle = true, Size = FontSize.Small });
                    continue;
                }

                var summary = question.Kind switch
                {
                    QuestionKind.Enps => $"eNPS {question.Enps:+0;-0;0} · mean {question.Mean:0.0} / 10 · {question.Answers} answers",
                    QuestionKind.Rating => $"Mean {question.Mean:0.0} / 5 · {question.Answers} answers",
                    _ => $"{question.Answers} answers",
                };
                body.Add(new TextBlock(summary) { Color = TextColor.Accent, Spacing = Spacing.None });
                if (question.Distribution.Count > 0)
                {
                    var max = Math.Max(1, question.Distribution.Max(b => b.Count));
                    body.Add(new FactSet { Facts = question.Distribution.Select(b => new Fact(CardText.Markdown(b.Label, 60), new string('█', (int)Math.Ceiling(10.0 * b.Count / max)) + " " + b.Count.ToString(CultureInfo.InvariantCulture))).ToList() });
                }

                foreach (var (comment, i) in question.Comments.Take(MaxComments).Select((c, i) => (c, i)))
                {
                    body.Add(CardText.User("“" + comment + "”", 400, italic: true));

                    // Only under a comment whose author ticked "leaders may reply to me anonymously".
                    if (i < question.CommentThreads.Count && question.CommentThreads[i] is { } thread)
                    {
                        body.Add(CloseTheLoop.Cards.ThreadCards.ReplyButton(view.RunId, thread));
                    }
                }

                if (question.Comments.Count > MaxComments)
                {
                    body.Add(new TextBlock($"…and {question.Comments.Count - MaxComments} more in the export.") { IsSubtle = true, Size = FontSize.Small });
                }
            }
        }

        if (view.Trend.Count > 1)
        {
            body.Add(new TextBlock("Trend across runs") { Weight = FontWeight.Bolder, Spacing = Spacing.Large, Separator = true });
            body.Add(new FactSet
            {
                Facts = view.Trend.Select(t => new Fact($"Run {t.Sequence} ({t.Day})", string.Join(" · ", t.Means.Select(m => $"{m.Key}: {m.Value.ToString("0.0", CultureInfo.InvariantCulture)}")) + $" · n={t.Respondents}")).ToList(),
            });
        }

        body.Add(new TextBlock($"Groups under {view.MinimumGroupSize} are never shown, and a filter that could be subtracted from a wider group is refused.") { IsSubtle = true, Size = FontSize.Small, Spacing = Spacing.Medium });

        var actions = new List<CardAction> { new ExecuteAction("Back to the list", ListVerb) };
        if (view.Filter != Cohort.Everyone)
        {
            actions.Add(new ExecuteAction("Everyone", ResultsVerb, new PulseResultsData(view.PulseId, view.RunId)));
        }

        actions.AddRange(view.Filters.Where(f => f.Key != view.Filter).Take(4).Select(f => (CardAction)new ExecuteAction(CardText.Clean(f.Label, 40), ResultsVerb, new PulseResultsData(view.PulseId, view.RunId, f.Key.Key))));
        return new AdaptiveCard
        {
            FallbackText = $"Results: {view.Title}",
            Speak = view.Status == ResultsStatus.Ready ? $"Results of {view.Title}, run {view.Sequence}: {view.Respondents} responses." : $"Results of {view.Title}: {Heading(view.Status)}.",
            Body = body,
            Actions = actions,
        };
    }

    private static string Heading(ResultsStatus status) => status switch
    {
        ResultsStatus.NotClosed => "Results are not open yet",
        ResultsStatus.NotEnoughResponses => "Not enough responses",
        ResultsStatus.FilterRefused => "Filter not available",
        _ => "",
    };

    /// <summary>The pulses a reader can open results of (the ten newest first), each with where its latest run stands.</summary>
    public static AdaptiveCard ForPulses(IReadOnlyList<PulseSummary> pulses, PersonTime? time = null) => List(pulses.Take(10).Select(p => (p.Definition.Id, p.Definition.Title, State(p, time ?? PersonTime.Utc))).ToList());

    /// <summary>The results a reader can open come first: "closed Tue 1 Dec 2026 · next run opens Mon 7 Dec 2026" for a recurring pulse.</summary>
    public static string State(PulseSummary pulse, PersonTime time)
    {
        var closed = pulse.Runs.LastOrDefault(r => r.Status == RunStatus.Closed);
        var latest = pulse.Latest;
        return closed is null ? State(latest, time)
            : latest is null || latest.Sequence == closed.Sequence ? $"closed {time.Day(closed.ClosesAt)}"
            : $"closed {time.Day(closed.ClosesAt)} · next run opens {time.Day(latest.OpensAt)}";
    }

    /// <summary>"closed Fri 28 Nov 2026", "open, closes Mon 1 Dec 2026", "scheduled".</summary>
    public static string State(PulseRun? latest, PersonTime time) => latest switch
    {
        null => "scheduled",
        { Status: RunStatus.Closed } => $"closed {time.Day(latest.ClosesAt)}",
        _ => $"{PulseRunEntity.NameOf(latest.Status)}, closes {time.Day(latest.ClosesAt)}",
    };

    public static AdaptiveCard List(IReadOnlyList<(string PulseId, string Title, string State)> pulses) => new()
    {
        FallbackText = "Pulse results",
        Body =
        [
            new TextBlock("Pulse results") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading },
            pulses.Count == 0
                ? new TextBlock("No pulses yet. HR or an executive can start one: type **pulse**.") { IsSubtle = true }
                : new FactSet { Facts = pulses.Select(p => new Fact(CardText.Markdown(p.Title, 80), p.State)).ToList() },
        ],
        Actions = pulses.Take(6).Select(p => (CardAction)new ExecuteAction(CardText.Clean(p.Title, 40), ResultsVerb, new PulseResultsData(p.PulseId))).ToList() is { Count: > 0 } list ? list : null,
    };
}
