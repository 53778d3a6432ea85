using System.Collections.Concurrent;
using DialogueBot.Infrastructure.Scheduling;
using DialogueBot.Infrastructure.Work;
using DialogueBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DialogueBot.Tests.Infrastructure;

public sealed class SchedulerTests
{
    [Fact]
    public async Task A_due_job_fires_exactly_once_across_three_instances_and_not_before_it_is_due()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var runs = new ConcurrentDictionary<string, int>();
        var prefix = BotAppFactory.NewPrefix();
        var instances = new List<BotAppFactory>();
        for (var i = 0; i < 3; i++)
        {
            instances.Add(await BotAppFactory.StartAsync(new BotAppOptions
            {
                Prefix = prefix,
                SeedDemoOrg = false,
                Time = time,
                ConfigureServices = s => s.AddSingleton<IWorkHandler>(new CountingHandler(runs)),
            }));
        }

        try
        {
            var scheduler = instances[0].Service<Scheduler>();
            for (var i = 0; i < 20; i++)
            {
                await scheduler.ScheduleAsync(CountingHandler.Kind, $"job-{i}", new { i }, time.GetUtcNow().AddMinutes(30));
            }

            Assert.Equal(0, await instances[1].Service<Scheduler>().DispatchDueAsync(TimeSpan.FromMinutes(2), CancellationToken.None));

            time.Advance(TimeSpan.FromMinutes(31));
            var moved = await Task.WhenAll(instances.Select(b => b.Service<Scheduler>().DispatchDueAsync(TimeSpan.FromMinutes(2), CancellationToken.None)));
            Assert.Equal(20, moved.Sum());

            await WaitAsync(() => runs.Count == 20);
            await Task.Delay(1000);
            Assert.All(runs.Values, n => Assert.Equal(1, n));
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_cancelled_job_never_fires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var runs = new ConcurrentDictionary<string, int>();
        await using var bot = await BotAppFactory.StartAsync(new BotAppOptions { SeedDemoOrg = false, Time = time, ConfigureServices = s => s.AddSingleton<IWorkHandler>(new CountingHandler(runs)) });
        var scheduler = bot.Service<Scheduler>();

        await scheduler.ScheduleAsync(CountingHandler.Kind, "cancel-me", new { }, time.GetUtcNow().AddMinutes(1));
        Assert.True(await scheduler.CancelAsync("cancel-me"));
        time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(0, await scheduler.DispatchDueAsync(TimeSpan.FromMinutes(2), CancellationToken.None));
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException();
            }

            await Task.Delay(50);
        }
    }

    private sealed class CountingHandler(ConcurrentDictionary<string, int> runs) : IWorkHandler
    {
        public const string Kind = "test.count";

        string IWorkHandler.Kind => Kind;

        public Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken)
        {
            runs.AddOrUpdate(item.Key, 1, (_, n) => n + 1);
            return Task.FromResult(WorkResult.Done);
        }
    }
}
