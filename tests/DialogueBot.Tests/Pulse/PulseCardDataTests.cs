using DialogueBot.Testing;

namespace DialogueBot.Tests.Pulse;

/// <summary>Typed card data: a press whose data lacks a field, or holds one that is not valid, gets a problem card naming it.</summary>
public sealed class PulseCardDataTests : PulseTest
{
    [Fact]
    public async Task A_press_without_its_run_or_with_a_forged_field_is_answered_with_the_field_named()
    {
        var (pulseId, runId) = await CreateOpenPulseAsync();
        var megan = DemoUsers.Megan(Connector.ServiceUrl);

        var noRun = await AnswerAsync(Managers[0], new { v = 1, q1 = "4" });
        var badVersion = await AnswerAsync(Managers[0], new { runId, v = "one" });
        var noPulse = await Bot.InvokeCardAsync(megan.Execute("pulse.results", new { filter = "all" }));
        var badToggle = await Bot.InvokeCardAsync(DemoUsers.Patti(Connector.ServiceUrl).Execute("pulse.preview", new { title = "t", template = "enps", managersOnly = "maybe", days = "3" }));
        var results = await Bot.InvokeCardAsync(megan.Execute("pulse.results", new { pulseId }));

        Assert.Contains("could not be read", Text(noRun), StringComparison.Ordinal);
        Assert.Contains("'runId' is missing", Text(noRun), StringComparison.Ordinal);
        Assert.Contains("'v' is not valid", Text(badVersion), StringComparison.Ordinal);
        Assert.Contains("'pulseId' is missing", Text(noPulse), StringComparison.Ordinal);
        Assert.Contains("'managersOnly' is not valid", Text(badToggle), StringComparison.Ordinal);
        Assert.Contains("not open yet", Text(results), StringComparison.Ordinal); // the well-formed press still works
    }
}
