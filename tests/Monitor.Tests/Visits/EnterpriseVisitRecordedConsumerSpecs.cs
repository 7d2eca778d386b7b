using MassTransit;
using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Inbound;
using Monitor.Worker.Visits;

namespace Monitor.Tests.Visits;

/// <summary>EnterpriseVisitRecorded through its consumer on MassTransit's test harness; the integration suite runs the same over RabbitMQ and PostgreSQL.</summary>
public sealed class EnterpriseVisitRecordedConsumerSpecs
{
    private static readonly EnterpriseVisitRecorded Visit =
        new("v-1", "tjqg", VisitTier.Unit, "JX", "天津港（集团）有限公司", null, new DateOnly(2024, 5, 10), VisitMode.Outgoing, 12);

    [Fact]
    public async Task When_a_valid_visit_arrives_should_consume_and_store_it()
    {
        await using var monitor = await ConsumerHarness.StartAsync();

        await monitor.PublishAsync(Visit);

        Assert.Null(Assert.Single(monitor.Consumed<EnterpriseVisitRecorded>()).Exception);
        Assert.Equal(
            new VisitFact("v-1", VisitTier.Unit, "JX", "天津港（集团）有限公司", null, new DateOnly(2024, 5, 10), 12),
            Assert.Single(await ActiveVisitsAsync(monitor)));
        Assert.Empty(monitor.Published<EventRejected>());
    }

    [Fact]
    public async Task When_a_visit_is_invalid_should_publish_EventRejected_naming_the_field_and_fault_without_retry()
    {
        await using var monitor = await ConsumerHarness.StartAsync();

        await monitor.PublishAsync(Visit with { UnitCode = "XX" });

        // A fault this soon, after one rejection, means one attempt: the retries of a failing message take over 21 s.
        var fault = Assert.Single(await monitor.PublishedAsync<Fault<EnterpriseVisitRecorded>>());
        Assert.Equal(typeof(InvalidEventException).FullName, Assert.Single(fault.Exceptions).ExceptionType);
        var rejected = Assert.Single(monitor.Published<EventRejected>());
        Assert.Equal((nameof(EnterpriseVisitRecorded), "v-1", "tjqg"), (rejected.MessageType, rejected.BusinessId, rejected.InstitutionId));
        Assert.StartsWith("unitCode: 'XX' is not a unit of tjqg", Assert.Single(rejected.Errors), StringComparison.Ordinal);
        Assert.Empty(await ActiveVisitsAsync(monitor));
    }

    [Fact]
    public async Task When_a_visit_is_redelivered_should_store_it_once_and_reject_nothing()
    {
        await using var monitor = await ConsumerHarness.StartAsync();

        await monitor.PublishAsync(Visit, Visit);

        Assert.Equal(2, monitor.Consumed<EnterpriseVisitRecorded>().Count(c => c.Exception is null));
        Assert.Single(await ActiveVisitsAsync(monitor));
        Assert.Empty(monitor.Published<EventRejected>());
    }

    [Fact]
    public async Task When_a_visit_id_is_reused_with_other_content_should_publish_EventRejected_and_keep_the_first()
    {
        await using var monitor = await ConsumerHarness.StartAsync();

        await monitor.PublishAsync(Visit, Visit with { PositionsOpened = 30 });

        var rejected = Assert.Single(await monitor.PublishedAsync<EventRejected>());
        Assert.Equal(("v-1", "tjqg"), (rejected.BusinessId, rejected.InstitutionId));
        Assert.StartsWith("visitId: 'v-1' was recorded before with other content; the first version is kept", Assert.Single(rejected.Errors), StringComparison.Ordinal);
        Assert.Equal(12, Assert.Single(await ActiveVisitsAsync(monitor)).PositionsOpened);
    }

    private static Task<IReadOnlyList<VisitFact>> ActiveVisitsAsync(ConsumerHarness monitor) =>
        monitor.Visits.GetActiveVisitsAsync("tjqg", new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), CancellationToken.None);
}
