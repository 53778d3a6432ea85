using DialogueBot.BotFramework.Cards;
using DialogueBot.Cards;
using DialogueBot.Org;
using DialogueBot.SkipLevel.Planning;
using DialogueBot.SkipLevel.Programmes;

namespace DialogueBot.SkipLevel.Cards;

/// <summary>The plan of the next cycle, before anything is sent: pairs by week, who is skipped and why, how the rule was applied.</summary>
public static class PreviewCard
{
    public const string PreviewVerb = "skiplevel.preview";
    public const string LaunchVerb = "skiplevel.launch";
    public const int MaxRows = 40;

    /// <param name="due">Sent because the cycle's time has come: HR launches it from here, or it does not go.</param>
    /// <param name="warnings">What HR should know before launching (another programme over the same people and weeks).</param>
    public static AdaptiveCard Build(SkipLevelProgrammeEntity programme, SkipLevelPlan plan, OrgSnapshot org, bool due = false, IReadOnlyList<string>? warnings = null)
    {
        string NameOf(string id) => CardText.Markdown(org.FindById(id)?.Name ?? id, 60);
        var body = new List<CardElement>
        {
            new TextBlock($"Preview: {CardText.Markdown(programme.Name, 100)}") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading },
            new TextBlock($"Cycle {plan.Cycle}: {plan.Pairs.Count} pairs, {plan.Weeks.Count} weeks. {(due ? "Its time has come: nothing is sent until you launch it." : "Nothing has been sent yet.")}") { IsSubtle = true, Spacing = Spacing.None },
            new FactSet
            {
                Facts =
                [
                    new Fact("Scope", programme.ScopeUnits.Length == 0 ? "Whole organisation" : CardText.Markdown(programme.ScopeUnits.Replace(";", ", ", StringComparison.Ordinal), 300)),
                    new Fact("Leaders", Leaders(programme)),
                    new Fact("Cadence", $"every {programme.CadenceWeeks} weeks, {programme.MeetingMinutes} minutes, at most {programme.PerWeekCap} a week per leader"),
                    new Fact("Window", $"{programme.StartWeek} to {programme.EndDate}"),
                ],
            },
        };

        foreach (var warning in warnings ?? [])
        {
            body.Add(new Container { Style = ContainerStyle.Warning, Items = [CardText.User(warning, 600)] });
        }

        foreach (var note in plan.Notes)
        {
            body.Add(CardText.User(note, 600, subtle: true));
        }

        foreach (var week in plan.Pairs.Take(MaxRows).GroupBy(p => p.Week))
        {
            body.Add(new TextBlock(SkipLevelDates.WeekText(week.Key)) { Weight = FontWeight.Bolder, Separator = true, Spacing = Spacing.Medium });
            body.Add(new FactSet
            {
                Facts = week.Select(p => new Fact(NameOf(p.LeaderId), NameOf(p.ManagerId) + (p.Rule == PairingRule.NearestBelow ? $" ({p.Distance} levels: nearest below)" : ""))).ToList(),
            });
        }

        if (plan.Pairs.Count > MaxRows)
        {
            body.Add(new TextBlock($"…and {plan.Pairs.Count - MaxRows} more pairs, not shown on this card.") { IsSubtle = true });
        }

        if (plan.Skipped.Count > 0)
        {
            body.Add(new TextBlock($"Skipped ({plan.Skipped.Count})") { Weight = FontWeight.Bolder, Separator = true, Spacing = Spacing.Medium });
            // Reasons are plain text (names, numbers, brackets): shown as such, never through markdown, whose escapes would show.
            foreach (var skipped in plan.Skipped.Take(MaxRows))
            {
                body.Add(CardText.User($"{org.FindById(skipped.PersonId)?.Name ?? skipped.PersonId}: {skipped.Reason}", 300));
            }
        }

        return new AdaptiveCard
        {
            FallbackText = $"Preview of {programme.Name}: {plan.Pairs.Count} pairs",
            Body = body,
            Actions = plan.Pairs.Count == 0 ? null : [new ExecuteAction($"Launch cycle {plan.Cycle}", LaunchVerb, new LaunchData(programme.Id, plan.Cycle)) { Style = ActionStyle.Positive }],
        };
    }

    public static string Leaders(SkipLevelProgrammeEntity programme)
    {
        var parts = new List<string>();
        if (programme.ExecutivesLead)
        {
            parts.Add("executives");
        }

        if (programme.LeaderLevels.Length > 0)
        {
            parts.Add("level " + programme.LeaderLevels.Replace(";", ", ", StringComparison.Ordinal));
        }

        return string.Join(" and ", parts);
    }
}
