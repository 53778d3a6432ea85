using DialogueBot.Infrastructure.Work;

namespace DialogueBot.Tests.Infrastructure;

public class WorkKindTests
{
    [Theory]
    [InlineData("pulse.deliver", true)]
    [InlineData("skiplevel.followup", true)]
    [InlineData("pulse", false)]
    [InlineData("pulse.", false)]
    [InlineData(".deliver", false)]
    [InlineData("pulse.deliver.now", false)]
    [InlineData("Pulse.Deliver", false)]
    [InlineData("pulse-deliver", false)]
    [InlineData("", false)]
    public void A_work_kind_is_feature_dot_verb_in_lower_case_letters(string kind, bool wellFormed) =>
        Assert.Equal(wellFormed, WorkKind.IsWellFormed(kind));

    [Fact]
    public void The_handlers_are_indexed_by_kind()
    {
        var deliver = new NamedHandler("pulse.deliver");
        var close = new NamedHandler("pulse.close");

        var index = WorkKind.Index([deliver, close]);

        Assert.Same(deliver, index["pulse.deliver"]);
        Assert.Same(close, index["pulse.close"]);
    }

    [Fact]
    public void Two_handlers_for_one_kind_are_refused_at_start_naming_the_kind()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => WorkKind.Index([new NamedHandler("pulse.deliver"), new NamedHandler("pulse.deliver")]));
        Assert.Contains("'pulse.deliver'", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_kind_is_refused_at_start_naming_it()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => WorkKind.Index([new NamedHandler("PulseDeliver")]));
        Assert.Contains("'PulseDeliver'", thrown.Message, StringComparison.Ordinal);
    }

    private sealed class NamedHandler(string kind) : IWorkHandler
    {
        public string Kind => kind;

        public Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken) => Task.FromResult(WorkResult.Done);
    }
}
