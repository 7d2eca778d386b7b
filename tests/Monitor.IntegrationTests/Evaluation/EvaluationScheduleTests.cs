using Microsoft.Extensions.DependencyInjection;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Worker.Evaluation;
using Quartz;

namespace Monitor.IntegrationTests.Evaluation;

/// <summary>The periodic evaluation keeps the worker's own clock, not the machine's.</summary>
public sealed class EvaluationScheduleTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    [Fact]
    public async Task When_the_worker_starts_on_its_own_clock_should_schedule_the_first_periodic_evaluation_one_interval_later_on_that_clock()
    {
        var scheduler = await env.Worker.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var trigger = await scheduler.GetTrigger(Schedules.EvaluationTrigger);

        // The test host's clock stands at 15 June 2024 and evaluates every hour; the machine's clock is years later.
        Assert.NotNull(trigger);
        Assert.Equal(WorkerEnvironment.Start.AddHours(1), trigger.StartTimeUtc);
    }
}
