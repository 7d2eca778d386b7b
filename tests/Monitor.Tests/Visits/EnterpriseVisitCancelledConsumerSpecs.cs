using MassTransit;
using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Visits;

namespace Monitor.Tests.Visits;

/// <summary>EnterpriseVisitCancelled through its consumer on MassTransit's test harness.</summary>
public sealed class EnterpriseVisitCancelledConsumerSpecs
{
    private static readonly EnterpriseVisitRecorded Visit =
        new("v-1", "tjqg", VisitTier.Leadership, null, "天津港（集团）有限公司", null, new DateOnly(2024, 5, 10), VisitMode.Incoming, 3);

    private static readonly EnterpriseVisitCancelled Cancellation = new("v-1", "tjqg", "录入重复");

    [Fact]
    public async Task When_a_visit_is_cancelled_should_no_longer_count_it()
    {
        await using var monitor = await ConsumerHarness.StartAsync();
        await monitor.PublishAsync(Visit);
        Assert.Single(await ActiveVisitsAsync(monitor));

        await monitor.PublishAsync(Cancellation);

        Assert.Null(Assert.Single(monitor.Consumed<EnterpriseVisitCancelled>()).Exception);
        Assert.Empty(await ActiveVisitsAsync(monitor));
        Assert.Empty(monitor.Published<EventRejected>());
    }

    [Fact]
    public async Task When_a_cancellation_arrives_before_its_visit_should_apply_when_the_visit_arrives()
    {
        await using var monitor = await ConsumerHarness.StartAsync();

        await monitor.PublishAsync(Cancellation);
        await monitor.PublishAsync(Visit);

        Assert.Null(Assert.Single(monitor.Consumed<EnterpriseVisitRecorded>()).Exception);
        Assert.Empty(await ActiveVisitsAsync(monitor));
    }

    [Fact]
    public async Task When_a_cancellation_names_an_unknown_institution_should_publish_EventRejected_and_leave_the_visit_counted()
    {
        await using var monitor = await ConsumerHarness.StartAsync();
        await monitor.PublishAsync(Visit);

        await monitor.PublishAsync(Cancellation with { InstitutionId = "tjqq" });

        Assert.Single(await monitor.PublishedAsync<Fault<EnterpriseVisitCancelled>>());
        var rejected = Assert.Single(monitor.Published<EventRejected>());
        Assert.Equal((nameof(EnterpriseVisitCancelled), "v-1"), (rejected.MessageType, rejected.BusinessId));
        Assert.Equal(["institutionId: 'tjqq' is not a configured institution"], rejected.Errors);
        Assert.Single(await ActiveVisitsAsync(monitor));
    }

    private static Task<IReadOnlyList<VisitFact>> ActiveVisitsAsync(ConsumerHarness monitor) =>
        monitor.Visits.GetActiveVisitsAsync("tjqg", new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), CancellationToken.None);
}
