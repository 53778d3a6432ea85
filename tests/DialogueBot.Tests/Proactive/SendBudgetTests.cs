using System.Net;
using DialogueBot.Conversations.Budget;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Testing;
using DialogueBot.Testing.Faults;

namespace DialogueBot.Tests.Proactive;

/// <summary>
/// One send budget per tenant, shared by every instance through Table Storage: three bots on one Azurite
/// together stay at the tenant limit (not three times it), and a 429 met by one slows them all.
/// </summary>
public sealed class SendBudgetTests
{
    private const int Limit = 20;

    private static BotAppOptions Budgeted(BotAppOptions options)
    {
        options.Settings["Proactive:TenantSendsPerSecond"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return options with { ConfigureServices = FanOutProbe.Register };
    }

    [Fact]
    public async Task Three_instances_share_one_tenant_budget_and_no_second_holds_more_than_ten_percent_over_it()
    {
        await using var harness = await FanOutHarness.StartAsync(3, Budgeted);
        var started = DateTimeOffset.UtcNow;
        var campaigns = new[] { "budget-a", "budget-b", "budget-c", "budget-d" };
        foreach (var campaign in campaigns)
        {
            await FanOutProbe.EnqueueAsync(harness.Bot, campaign, harness.Recipients);
        }

        var expected = campaigns.Length * harness.Recipients.Count;
        await harness.WaitForCardsAsync(a => a.CardText.StartsWith("Probe budget-", StringComparison.Ordinal), expected, TimeSpan.FromSeconds(120));
        await harness.WaitUntilNoWorkIsLeftAsync(TimeSpan.FromSeconds(30));

        var sends = harness.Connector.Requests.Where(r => r.At >= started && r.Method == "POST" && r.Path.EndsWith("/activities", StringComparison.Ordinal)).Select(r => r.At).ToList();
        Assert.Equal(expected, sends.Count); // every card once, none twice
        var worst = SendWindows.WorstSecond(sends);
        Assert.True(worst <= Limit * 1.1, $"{worst} sends in one second against a tenant limit of {Limit}/s (three instances at {Limit}/s each would reach {3 * Limit}).");
        foreach (var campaign in campaigns)
        {
            Assert.All(harness.CardsPerRecipient(a => a.CardText.StartsWith(FanOutProbe.CardTitle(campaign), StringComparison.Ordinal)).Values, n => Assert.Equal(1, n));
        }
    }

    [Fact]
    public async Task A_429_met_by_one_instance_slows_every_instance()
    {
        await using var harness = await FanOutHarness.StartAsync(2, o =>
        {
            o.Settings["Proactive:ThrottledShare"] = "0.5";
            return Budgeted(o);
        });
        // Enough work that both instances hold a share while the 429 happens.
        foreach (var campaign in new[] { "slow-a", "slow-b", "slow-c", "slow-d", "slow-e" })
        {
            await FanOutProbe.EnqueueAsync(harness.Bot, campaign, harness.Recipients);
        }

        await harness.WaitForCardsAsync(a => a.CardText.StartsWith("Probe slow-", StringComparison.Ordinal), 10);
        harness.Connector.FailNext(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(5));

        var budgets = harness.Instances.Select(i => i.Service<SendBudget>()).ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!budgets.All(b => b.State.Slowed) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.All(budgets, b => Assert.True(b.State.Slowed, "an instance did not hear of the 429"));
        Assert.All(budgets, b => Assert.True(b.State.Rate <= (b.State.Share * 0.5) + 0.001, $"rate {b.State.Rate} with share {b.State.Share}"));
        SendBudgetEntity? row = null;
        await foreach (var r in harness.Bot.Service<AppStorage>().Table(SendBudget.TableName).QueryAsync<SendBudgetEntity>())
        {
            row = r;
        }

        Assert.NotNull(row);
        Assert.True(row.Throttles >= 1);
        Assert.True(row.ReadShares().Sum(s => s.PerSecond) <= Limit + 0.001, "the shares written add up to more than the limit");
    }
}

/// <summary>Counting sends in sliding one-second windows, as a rate limit is judged.</summary>
public static class SendWindows
{
    public static int WorstSecond(IReadOnlyList<DateTimeOffset> sends)
    {
        var sorted = sends.OrderBy(t => t).ToList();
        var worst = 0;
        var start = 0;
        for (var end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= TimeSpan.FromSeconds(1))
            {
                start++;
            }

            worst = Math.Max(worst, end - start + 1);
        }

        return worst;
    }
}
