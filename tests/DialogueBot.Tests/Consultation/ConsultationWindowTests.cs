using DialogueBot.Consultation;
using DialogueBot.Consultation.Consultations;
using DialogueBot.Consultation.Delivery;
using DialogueBot.Consultation.Model;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Org;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Consultation;

/// <summary>The input window: it ends by itself at its time, input stays in the 1:1 chat, and a late joiner is briefed once.</summary>
public sealed class ConsultationWindowTests : ConsultationTest
{
    [Fact]
    public async Task The_window_ends_at_its_planned_time_and_the_ratings_are_counted()
    {
        var id = await CreateAsync();
        var consultation = (await Bot.Service<ConsultationRepository>().FindAsync(id, CancellationToken.None))!;
        var job = await Bot.Service<Scheduler>().FindAsync(id + ".end");
        Assert.Equal(ConsultationWorkKinds.End, job!.Kind);
        Assert.Equal(consultation.ClosesAt, job.DueAt);

        foreach (var person in new[] { "p06", "p12", "p13", "p14", "p15" })
        {
            await RateAsync(Person(person), id, 5, 3);
        }

        // What the scheduler enqueues when the job is due.
        await Bot.Service<WorkQueue>().EnqueueAsync(ConsultationWorkKinds.End, id + ".end", new ConsultationPayload(id));
        await WaitUntilAsync(async () => (await Bot.Service<ConsultationRepository>().FindAsync(id, CancellationToken.None))?.Status == ConsultationStatus.Reviewing);

        var results = await GetJsonAsync($"/api/consultations/{id}/results");
        Assert.Equal(5, results.GetProperty("views")[0].GetProperty("people").GetInt32());
        Assert.Null(await Bot.Service<DialogueBot.Infrastructure.Anonymity.ScopeKeys.IScopeKeyStore>().FindAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Input_pressed_in_a_channel_or_group_chat_is_refused_and_not_stored()
    {
        var id = await CreateAsync();
        var adele = DemoUsers.Of(Person("p13"), Connector.ServiceUrl);
        var data = new { consultationId = id, submitId = "s1", text = "Said where everyone can see it", anonymous = "true", force = true };
        foreach (var press in new[] { adele.Execute("consult.raise", data).InChannel(), adele.Execute("consult.rate", new { consultationId = id, support = "2", impact = "2" }).InGroupChat() })
        {
            TeamsScopes.AssertNotPersonalReply(await Bot.SendAsync(press));
        }

        Assert.Empty(await Bot.Service<DialogueBot.Consultation.Concerns.ConcernRepository>().ListAsync(id, CancellationToken.None));
        var caller = new Caller(Person("p13").AadObjectId!, Person("p13"));
        Assert.False(await Bot.Service<ConsultationService>().HasRatedAsync(consultation: (await Bot.Service<ConsultationRepository>().FindAsync(id, CancellationToken.None))!, caller, CancellationToken.None));
    }

    [Fact]
    public async Task A_manager_who_installs_late_is_briefed_once()
    {
        var id = await CreateAsync(Draft(units: ["Finance"]));
        await WaitForQueueDrainedAsync(); // nobody is installed yet: nothing was sent
        Assert.DoesNotContain(Connector.Activities, IsBrief);

        var joni = DemoUsers.Of(Person("p10"), Connector.ServiceUrl);
        await Bot.SendAsync(joni.Install());
        await Connector.WaitForAsync(a => IsBrief(a) && a.ConversationId == joni.ConversationId, TimeSpan.FromSeconds(20));
        await Bot.SendAsync(joni.Install());
        await WaitForQueueDrainedAsync();
        Assert.Single(Connector.Activities, a => IsBrief(a) && a.ConversationId == joni.ConversationId);
        Assert.Contains(id, Connector.Activities.Single(IsBrief).Body.GetRawText(), StringComparison.Ordinal);
    }
}
