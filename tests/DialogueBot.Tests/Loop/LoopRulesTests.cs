using DialogueBot.Loop.Commitments;
using DialogueBot.Loop.Figures;
using DialogueBot.Loop.Subjects;
using DialogueBot.Loop.Threads;
using DialogueBot.Org;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Loop;

/// <summary>The Loop rules as pure functions: thread limits and states, what a summary must hold, action changes, and the figures on a scripted history.</summary>
public class LoopRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_leader_writes_twice_then_waits_for_the_author_and_a_resolved_thread_drops_the_authors_handle()
    {
        var thread = new CommentThreadEntity { Author = "sealed", OpenedAt = Now };
        Assert.Equal(ThreadOutcome.AlreadySent, ThreadRules.RefuseAuthor(thread)); // nothing to answer yet
        Assert.Null(ThreadRules.RefuseLeader(thread));
        ThreadRules.ApplyLeader(thread, "leader", Now.AddHours(3));
        ThreadRules.ApplyLeader(thread, "leader", Now.AddHours(4));
        Assert.Equal(ThreadOutcome.WaitForAnswer, ThreadRules.RefuseLeader(thread));
        Assert.Equal(Now.AddHours(3), thread.FirstReplyAt);
        Assert.Null(ThreadRules.RefuseAuthor(thread));
        ThreadRules.ApplyAuthor(thread);
        Assert.Null(ThreadRules.RefuseLeader(thread));
        Assert.Equal(3, thread.Messages);

        Assert.True(ThreadRules.Resolve(thread));
        Assert.False(ThreadRules.Resolve(thread));
        Assert.Null(thread.Author);
        Assert.Equal(ThreadOutcome.Resolved, ThreadRules.RefuseLeader(thread));
        Assert.Equal(ThreadOutcome.Resolved, ThreadRules.RefuseAuthor(thread));
    }

    [Fact]
    public void A_thread_holds_at_most_the_cap_and_text_must_be_there_and_short()
    {
        Assert.Equal(ThreadOutcome.ThreadFull, ThreadRules.RefuseLeader(new CommentThreadEntity { Messages = ThreadRules.MaxMessages }));
        Assert.Equal(ThreadOutcome.Empty, ThreadRules.CheckText("  "));
        Assert.Equal(ThreadOutcome.TooLong, ThreadRules.CheckText(new string('x', ThreadRules.MaxTextLength + 1)));
        Assert.Null(ThreadRules.CheckText("fine"));
    }

    [Fact]
    public void A_summary_needs_what_was_heard_and_actions_with_an_owner_from_the_chart_and_a_day_to_come()
    {
        var org = new OrgSnapshot("v1", DemoUsers.All);
        var (valid, errors) = CommitmentRules.Check(new SummaryDraft("We heard you.", [new ActionDraft("Do it", "nestor.wilke@contoso.example", "2026-12-10")]), org, Now);
        Assert.Empty(errors);
        Assert.Equal("p02", valid!.Actions[0].Owner.Id);
        Assert.Equal(new DateTimeOffset(2026, 12, 10, 23, 59, 59, TimeSpan.Zero), valid.Actions[0].Due);

        var (_, bad) = CommitmentRules.Check(new SummaryDraft("", [new ActionDraft("", "nobody", "10/12/2026"), new ActionDraft("Late", "p02", "2026-11-30")]), org, Now);
        Assert.Equal(["actions[0].due", "actions[0].owner", "actions[0].title", "actions[1].due", "heard"], bad.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("actions", CommitmentRules.Check(new SummaryDraft("x", Enumerable.Repeat(new ActionDraft("t", "p02", "2026-12-10"), 11).ToList()), org, Now).Errors.Keys);
    }

    [Fact]
    public void Done_and_dropped_are_final_a_drop_needs_a_reason_and_every_change_is_a_new_version()
    {
        var row = new ActionEntity { RowKey = "a01", Due = Now.AddDays(3) };
        Assert.NotNull(CommitmentRules.Refuse(row.ToAction(), ActionStatus.Open, null));
        Assert.NotNull(CommitmentRules.Refuse(row.ToAction(), ActionStatus.Dropped, " "));
        Assert.Null(CommitmentRules.Refuse(row.ToAction(), ActionStatus.InProgress, null));
        CommitmentRules.Apply(row, ActionStatus.InProgress, null, Now);
        Assert.NotNull(CommitmentRules.Refuse(row.ToAction(), ActionStatus.Open, null));
        CommitmentRules.Apply(row, ActionStatus.Done, null, Now.AddDays(1));
        Assert.Equal(2, row.Version);
        Assert.True(row.ToAction().DoneOnTime);
        Assert.NotNull(CommitmentRules.Refuse(row.ToAction(), ActionStatus.Dropped, "changed our mind"));
    }

    [Fact]
    public void The_figures_on_a_scripted_history()
    {
        // November: a pulse closed on the 2nd, summary 30 h later, 4 opted-in comments of which 3 answered after
        // 2, 4 and 12 h; actions: done on time, done late, dropped, open past due. A town hall on the 20th, no
        // summary, 10 questions of which 7 answered. December: a pulse closed on the 1st, summary 6 h later, no
        // comments, one action not yet due.
        var novPulse = new LoopSubject(SubjectKind.Pulse, "pu1-001", "November pulse", new DateTimeOffset(2026, 11, 2, 17, 0, 0, TimeSpan.Zero), true, [], _ => true);
        var novHall = new LoopSubject(SubjectKind.TownHall, "th1", "November all-hands", new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero), true, [], _ => true);
        var decPulse = new LoopSubject(SubjectKind.Pulse, "pu2-001", "December pulse", new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero), true, [], _ => true);
        var due = new DateTimeOffset(2026, 11, 20, 23, 59, 59, TimeSpan.Zero);
        CommitmentAction Action(string id, ActionStatus status, DateTimeOffset? doneAt, DateTimeOffset? dueAt = null) => new(id, id, "p02", dueAt ?? due, status, null, 1, doneAt);
        var history = new List<SubjectHistory>
        {
            new(novPulse, new SummaryEntity { PublishedAt = novPulse.ClosedAt.AddHours(30) },
                [Action("a01", ActionStatus.Done, due.AddDays(-3)), Action("a02", ActionStatus.Done, due.AddDays(2)), Action("a03", ActionStatus.Dropped, null), Action("a04", ActionStatus.InProgress, null)],
                new QuestionCounts(4, 3, [12, 2, 4])),
            new(novHall, null, [], new QuestionCounts(10, 7, [])),
            new(decPulse, new SummaryEntity { PublishedAt = decPulse.ClosedAt.AddHours(6) }, [Action("a01", ActionStatus.Open, null, Now.AddDays(10))], QuestionCounts.None),
        };

        var figures = FollowThrough.Compute(history, Now);

        Assert.Equal(["pu2-001", "th1", "pu1-001"], figures.Subjects.Select(s => s.Id));
        var nov = figures.Subjects.Single(s => s.Id == "pu1-001");
        Assert.Equal(30, nov.HoursToSummary);
        Assert.Equal(75, nov.AnsweredShare);
        Assert.Equal(4, nov.MedianHoursToAnswer);
        Assert.Equal((4, 2, 1, 1), (nov.Actions, nov.ActionsDone, nov.ActionsDoneOnTime, nov.ActionsOverdue));
        Assert.Equal(33.3, nov.OnTimeShare); // 1 on time of 3 decided (2 done, 1 overdue); the dropped one is left out
        var hall = figures.Subjects.Single(s => s.Id == "th1");
        Assert.Null(hall.HoursToSummary);
        Assert.Equal(70, hall.AnsweredShare);
        Assert.Null(hall.MedianHoursToAnswer);
        var dec = figures.Subjects.Single(s => s.Id == "pu2-001");
        Assert.Null(dec.OnTimeShare); // nothing decided yet
        Assert.Null(dec.AnsweredShare);

        Assert.Equal(["2026-11", "2026-12"], figures.Months.Select(m => m.Month));
        var november = figures.Months[0];
        Assert.Equal((2, 1), (november.Subjects, november.Summaries));
        Assert.Equal(30, november.MedianHoursToSummary);
        Assert.Equal(71.4, november.AnsweredShare); // 10 of 14
        Assert.Equal(4, november.MedianHoursToAnswer);
        Assert.Equal(33.3, november.OnTimeShare);
        Assert.Equal(6, figures.Months[1].MedianHoursToSummary);
    }

    [Fact]
    public void A_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(3.5, FollowThrough.Median([1, 3, 4, 100]));
        Assert.Null(FollowThrough.Median([]));
        Assert.Null(FollowThrough.Share(1, 0));
    }
}
