using DialogueBot.Conversations.Budget;

namespace DialogueBot.Tests.Proactive;

/// <summary>The budget's two rules on their own: how a share is taken, and Teams' per-conversation windows.</summary>
public sealed class BudgetRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_lone_instance_takes_the_whole_budget()
    {
        Assert.Equal(50, SendBudget.ShareFor([], 50));
    }

    [Fact]
    public void A_newcomer_gets_only_what_the_others_leave_until_they_shrink_to_their_fair_part()
    {
        var whole = new[] { new SendShare("a", 50, Now) };
        Assert.Equal(0, SendBudget.ShareFor(whole, 50)); // a holds everything: b waits
        Assert.Equal(25, SendBudget.ShareFor([new SendShare("b", 0, Now)], 50)); // a renews: two busy, half each
        Assert.Equal(25, SendBudget.ShareFor([new SendShare("a", 25, Now)], 50)); // b renews
        var three = SendBudget.ShareFor([new SendShare("a", 25, Now), new SendShare("b", 25, Now)], 50);
        Assert.Equal(0, three);
    }

    [Fact]
    public void Shares_never_add_up_to_more_than_the_limit_whatever_the_others_hold()
    {
        var others = new[] { new SendShare("a", 30, Now), new SendShare("b", 15, Now) };
        Assert.True(SendBudget.ShareFor(others, 50) + 45 <= 50);
    }

    [Fact]
    public void A_conversation_gets_seven_sends_a_second_then_waits_for_the_oldest_to_leave_the_window()
    {
        var limits = new ConversationRateLimits();
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(TimeSpan.Zero, limits.TryTake("a:1", Now.AddMilliseconds(i)));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(1000), limits.TryTake("a:1", Now.AddMilliseconds(0)));
        Assert.Equal(TimeSpan.Zero, limits.TryTake("a:2", Now)); // another chat is not held back
    }

    [Fact]
    public void A_conversation_gets_eight_sends_in_two_seconds()
    {
        var limits = new ConversationRateLimits();
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(TimeSpan.Zero, limits.TryTake("a:1", Now));
        }

        Assert.Equal(TimeSpan.Zero, limits.TryTake("a:1", Now.AddSeconds(1.1)));
        Assert.Equal(Now.AddSeconds(2) - Now.AddSeconds(1.2), limits.TryTake("a:1", Now.AddSeconds(1.2)));
    }
}
