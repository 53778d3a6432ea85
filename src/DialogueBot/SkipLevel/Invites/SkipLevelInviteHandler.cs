using DialogueBot.BotFramework.Cards;
using DialogueBot.BotFramework.Schema;
using DialogueBot.Cards;
using DialogueBot.Conversations;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.SkipLevel.Pairs;
using DialogueBot.SkipLevel.Programmes;
using DialogueBot.SkipLevel.Prompts;

namespace DialogueBot.SkipLevel.Invites;

/// <summary>
/// Once both sides confirmed, each gets the calendar invite: a short card and the .ics file as an
/// attachment, and (for the leader's side, once) a Graph event with a Teams meeting where Graph is set up.
/// The key holds the week, so a pair moved and confirmed again gets a fresh invite.
/// </summary>
public sealed class SkipLevelInviteHandler(
    SkipLevelProgrammeRepository programmes,
    SkipLevelPairRepository pairs,
    OrgDirectory directory,
    ProactiveMessenger messenger,
    ISkipLevelCalendar calendar,
    TimeProvider time) : IWorkHandler
{
    public string Kind => SkipLevelWorkKinds.Invite;

    public static string Key(SkipLevelPairEntity pair, string side) => $"sli-{pair.PartitionKey}-{pair.PairId}-{side}-{pair.Week.Replace("-", "", StringComparison.Ordinal)}";

    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var message = item.PayloadAs<PairMessage>();
        var programme = await programmes.FindAsync(message.ProgrammeId, cancellationToken);
        var pair = programme is null ? null : await pairs.FindAsync(message.ProgrammeId, message.Cycle, message.PairId, cancellationToken);
        if (programme is null || pair is null || pair.State != PairState.Confirmed || pair.Week != message.Week || !PairSide.IsValid(message.Side))
        {
            return WorkResult.Done; // moved, declined or gone since: the invite no longer applies
        }

        var org = await directory.GetAsync(cancellationToken);
        if (org.FindById(pair.LeaderId) is not { } leader || org.FindById(pair.ManagerId) is not { } manager)
        {
            return WorkResult.Done;
        }

        var withMeeting = message.Side == PairSide.Leader && await calendar.CreateMeetingAsync(programme, pair, leader, manager, cancellationToken);
        var other = message.Side == PairSide.Leader ? manager : leader;
        var activity = InviteCard(pair, other, withMeeting).ToMessage();
        activity.Attachments!.Add(new Attachment
        {
            ContentType = CalendarInvite.ContentType,
            Name = "skip-level.ics",
            ContentUrl = CalendarInvite.DataUri(CalendarInvite.Ics(programme, pair, leader, manager, time.GetUtcNow())),
        });
        var result = await messenger.SendAsync(message.Side == PairSide.Leader ? leader : manager, activity, cancellationToken);
        return result.Outcome == ProactiveOutcome.Throttled
            ? WorkResult.RetryAfter(result.RetryAfter ?? TimeSpan.FromSeconds(30), "Teams asked us to slow down.")
            : WorkResult.Done;
    }

    public static AdaptiveCard InviteCard(SkipLevelPairEntity pair, OrgPerson other, bool withMeeting) => new()
    {
        FallbackText = $"Skip-level with {other.Name}: confirmed",
        Body =
        [
            new TextBlock($"Confirmed: your skip-level with {CardText.Markdown(other.Name, 80)}") { Size = FontSize.Large, Weight = FontWeight.Bolder, Style = TextBlockStyle.Heading, Wrap = true },
            new TextBlock($"You both confirmed the {SkipLevelDates.WeekText(pair.WeekDate)}. The attached calendar file holds the week, marked free: agree the slot between you.") { Wrap = true },
            .. withMeeting ? [new TextBlock("A Teams meeting was added to both calendars.") { IsSubtle = true, Wrap = true }] : Array.Empty<CardElement>(),
        ],
    };
}
