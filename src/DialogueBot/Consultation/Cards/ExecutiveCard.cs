using System.Globalization;
using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Consultation.Model;
using DialogueBot.Org;
using static DialogueBot.Consultation.Cards.ConsultationCardParts;

namespace DialogueBot.Consultation.Cards;

/// <summary>What the executive running a consultation sees: the timeline, results under the disclosure rules, volunteers, and the outcome form.</summary>
public sealed record ExecutiveView(ConsultationRecord Consultation, IReadOnlyList<TimelineStep> Timeline, RatingResults Results, IReadOnlyList<OrgPerson> Volunteers, TimeSpan LeadTime);

public static class ExecutiveCard
{
    public static AdaptiveCard Build(ExecutiveView view, string? message = null, bool problem = false, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var c = view.Consultation;
        var body = new List<CardElement> { Kicker($"Consultation · {c.Status.ToString().ToLowerInvariant()} · {c.Brief.Audience.Describe()}"), Title(c) };
        body.AddRange(Notice(message, problem));
        body.Add(new FactSet { Facts = view.Timeline.Select(s => new Fact((s.Done ? "✓ " : "○ ") + s.Label, (s.At is { } at ? Time(at) : "—") + (s.Detail.Length > 0 ? " · " + s.Detail : ""))).ToList() });

        body.Add(new TextBlock("Support and impact") { Weight = FontWeight.Bolder, Size = FontSize.Medium, Spacing = Spacing.Large, Separator = true });
        if (!view.Results.Published || view.Results.Views.Count == 0)
        {
            body.Add(new TextBlock(view.Results.Message) { IsSubtle = true });
        }
        else
        {
            body.Add(new FactSet
            {
                Facts = view.Results.Views.Select(v => new Fact(
                    CardText.Markdown(v.Label, 80),
                    string.Create(CultureInfo.InvariantCulture, $"{v.People} rated · support {v.SupportMean:0.0}/5 · impact {v.ImpactMean:0.0}/5"))).ToList(),
            });
            if (view.Results.Message.Length > 0)
            {
                body.Add(new TextBlock(view.Results.Message) { IsSubtle = true, Size = FontSize.Small });
            }
        }

        body.Add(new TextBlock($"Roundtable volunteers ({view.Volunteers.Count})") { Weight = FontWeight.Bolder, Spacing = Spacing.Large });
        body.Add(new TextBlock(view.Volunteers.Count == 0 ? "Nobody yet." : CardText.Markdown(string.Join(", ", view.Volunteers.Select(p => p.Name)), 1000)) { IsSubtle = view.Volunteers.Count == 0 });

        var actions = new List<CardAction> { new ExecuteAction("Concern board", BoardVerb, new ConsultationRef(c.Id)) };
        if (c.Status == ConsultationStatus.Open)
        {
            actions.Add(new ExecuteAction("End the input window now", EndVerb, new ConsultationRef(c.Id)));
        }

        if (c.Status == ConsultationStatus.Reviewing)
        {
            body.AddRange(DecideForm(view, errors));
            actions.Insert(0, new ExecuteAction("Send the outcome to consulted managers", DecideVerb, new ConsultDecideData(c.Id)) { Style = ActionStyle.Positive });
        }

        if (c.Status == ConsultationStatus.Decided)
        {
            body.Add(new TextBlock("Outcome: " + (c.Outcome?.Describe() ?? "")) { Weight = FontWeight.Bolder, Spacing = Spacing.Large, Separator = true });
            body.AddRange(Section("What changed because of their input", c.WhatChanged));
        }

        actions.Add(new ExecuteAction("Refresh", ResultsVerb, new ConsultationRef(c.Id)));
        return new AdaptiveCard { FallbackText = $"Consultation: {c.Title}", Body = body, Actions = actions };
    }

    private static IEnumerable<CardElement> DecideForm(ExecutiveView view, IReadOnlyDictionary<string, string[]>? errors)
    {
        string? Error(string field) => errors?.TryGetValue(field, out var e) == true ? string.Join(" ", e) : null;
        yield return new TextBlock("The outcome") { Weight = FontWeight.Bolder, Size = FontSize.Medium, Spacing = Spacing.Large, Separator = true };
        yield return new InputChoiceSet
        {
            Id = "outcome",
            Label = "What did you decide?",
            Style = ChoiceInputStyle.Expanded,
            Choices = Enum.GetValues<ConsultationOutcome>().Select(o => new Choice(o.Describe(), System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(o.ToString()))).ToList(),
            ErrorMessage = Error("outcome"),
        };
        yield return new InputText { Id = "whatChanged", Label = "What changed because of their input", IsMultiline = true, MaxLength = 2000, ErrorMessage = Error("whatChanged") };
        yield return new InputText { Id = "talkingPoints", Label = "Talking points for their teams", IsMultiline = true, MaxLength = 2000 };
        yield return new InputDate { Id = "announcementDate", Label = $"Company-wide announcement (at least {view.LeadTime.TotalHours:0.#} hours after managers hear it)", ErrorMessage = Error("announcementAt") };
        yield return new InputChoiceSet
        {
            Id = "announcementHour",
            Label = "Time (UTC)",
            Style = ChoiceInputStyle.Compact,
            Value = "9",
            Choices = Enumerable.Range(6, 14).Select(h => new Choice($"{h:00}:00", h.ToString(CultureInfo.InvariantCulture))).ToList(),
        };
        if (errors is { Count: > 0 })
        {
            yield return new Container { Style = ContainerStyle.Attention, Items = errors.Values.SelectMany(v => v).Select(e => (CardElement)new TextBlock(CardText.Markdown(e, 300))).ToList() };
        }
    }
}
