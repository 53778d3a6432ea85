using DialogueBot.Conversations;
using DialogueBot.Conversations.Delivery;

namespace DialogueBot.Tests.Proactive;

/// <summary>What a delivery report may record per item, by the fan-out's detail.</summary>
public sealed class DeliveryRulesTests
{
    private static readonly ProactiveResult[] EveryEnd =
    [
        ProactiveResult.Sent("1", "a:1", "https://smba"),
        ProactiveResult.Sent("1", "a:1", "https://smba", installedByUs: true),
        ProactiveResult.Skipped,
        ProactiveResult.NotInstalled,
        ProactiveResult.Unreachable(UnreachableReason.BotDisabledByAdmin),
        ProactiveResult.Unreachable(UnreachableReason.BotNotInConversationRoster),
        ProactiveResult.Unreachable(UnreachableReason.InstallBlocked),
    ];

    [Fact]
    public void An_answer_related_report_stores_the_same_outcome_however_the_item_ended()
    {
        // A reminder skipped because the person answered must look exactly like one that was sent.
        Assert.All(EveryEnd, r => Assert.Equal(DeliveryOutcome.Handled, DeliveryReports.OutcomeOf(ReportDetail.HandledOnly, r)));
    }

    [Fact]
    public void A_throttled_item_is_still_pending_and_records_nothing()
    {
        foreach (var detail in Enum.GetValues<ReportDetail>())
        {
            Assert.Null(DeliveryReports.OutcomeOf(detail, ProactiveResult.Throttled(TimeSpan.FromSeconds(1))));
        }
    }

    [Theory]
    [InlineData(UnreachableReason.BotDisabledByAdmin, DeliveryOutcome.Blocked)]
    [InlineData(UnreachableReason.Blocked, DeliveryOutcome.Blocked)]
    [InlineData(UnreachableReason.InstallBlocked, DeliveryOutcome.Blocked)]
    [InlineData(UnreachableReason.BotNotInConversationRoster, DeliveryOutcome.Left)]
    public void Unreachable_people_count_as_blocked_or_left(UnreachableReason reason, DeliveryOutcome expected)
    {
        Assert.Equal(expected, DeliveryReports.OutcomeOf(ReportDetail.CountsOnly, ProactiveResult.Unreachable(reason)));
    }

    [Fact]
    public void A_send_on_a_chat_the_bot_installed_counts_as_installed_by_us()
    {
        Assert.Equal(DeliveryOutcome.InstalledByUs, DeliveryReports.OutcomeOf(ReportDetail.Named, ProactiveResult.Sent("1", "a:1", "https://smba", installedByUs: true)));
        Assert.Equal(DeliveryOutcome.Delivered, DeliveryReports.OutcomeOf(ReportDetail.Named, ProactiveResult.Sent("1", "a:1", "https://smba")));
    }

    [Theory]
    [InlineData(403, "BotDisabledByAdmin", UnreachableReason.BotDisabledByAdmin)]
    [InlineData(404, "BotNotInConversationRoster", UnreachableReason.BotNotInConversationRoster)]
    [InlineData(404, "NotFound", UnreachableReason.BotNotInConversationRoster)]
    [InlineData(403, "ConversationBlockedByUser", UnreachableReason.Blocked)]
    public void Teams_answers_map_to_reasons(int status, string code, UnreachableReason expected)
    {
        Assert.Equal(expected, UnreachableReasons.FromConnector((System.Net.HttpStatusCode)status, code));
    }
}
