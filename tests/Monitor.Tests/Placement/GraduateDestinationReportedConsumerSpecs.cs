using MassTransit;
using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Placement;

namespace Monitor.Tests.Placement;

/// <summary>GraduateDestinationReported through its consumer on MassTransit's test harness.</summary>
public sealed class GraduateDestinationReportedConsumerSpecs
{
    private static readonly GraduateDestinationReported Report = new(
        "r-1", "tjqg", 2024, "2024JX0001", Destination.ContractEmployment, new DateOnly(2024, 6, 1),
        new DateTimeOffset(2024, 6, 3, 9, 30, 0, TimeSpan.FromHours(8)), "天津港（集团）有限公司", null);

    [Fact]
    public async Task When_a_destination_is_reported_should_keep_the_report_for_the_cohort()
    {
        await using var monitor = await ConsumerHarness.StartAsync();

        await monitor.PublishAsync(Report);

        Assert.Equal(
            new DestinationFact("r-1", "2024JX0001", Destination.ContractEmployment, new DateOnly(2024, 6, 1), new DateTimeOffset(2024, 6, 3, 1, 30, 0, TimeSpan.Zero)),
            Assert.Single((await monitor.Placement.GetCohortAsync("tjqg", 2024, CancellationToken.None)).Reports));
        Assert.Empty(monitor.Published<EventRejected>());
    }

    [Fact]
    public async Task When_a_report_is_redelivered_with_its_time_at_another_offset_should_be_the_same_report()
    {
        await using var monitor = await ConsumerHarness.StartAsync();

        await monitor.PublishAsync(Report, Report with { ReportedAt = Report.ReportedAt.ToUniversalTime() });

        Assert.All(monitor.Consumed<GraduateDestinationReported>(), c => Assert.Null(c.Exception));
        Assert.Single((await monitor.Placement.GetCohortAsync("tjqg", 2024, CancellationToken.None)).Reports);
        Assert.Empty(monitor.Published<EventRejected>());
    }

    [Fact]
    public async Task When_a_destination_is_dated_in_the_future_should_publish_EventRejected_naming_the_field_and_keep_nothing()
    {
        await using var monitor = await ConsumerHarness.StartAsync();

        await monitor.PublishAsync(Report with { EffectiveOn = new DateOnly(2024, 6, 16) });

        Assert.Single(await monitor.PublishedAsync<Fault<GraduateDestinationReported>>());
        var rejected = Assert.Single(monitor.Published<EventRejected>());
        Assert.Equal((nameof(GraduateDestinationReported), "r-1"), (rejected.MessageType, rejected.BusinessId));
        Assert.Equal(["effectiveOn: 2024-06-16 is in the future"], rejected.Errors);
        Assert.Empty((await monitor.Placement.GetCohortAsync("tjqg", 2024, CancellationToken.None)).Reports);
    }
}
