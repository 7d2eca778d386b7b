using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Telemetry;

namespace Monitor.Tests.Telemetry;

public sealed class MonitorMetricsSpecs : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MonitorMetrics metrics;
    private readonly MetricReadings readings;

    public MonitorMetricsSpecs()
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        metrics = new MonitorMetrics(meters);
        readings = new MetricReadings(meters.Create(MonitorMetrics.MeterName));
    }

    public void Dispose()
    {
        readings.Dispose();
        services.Dispose();
    }

    [Fact]
    public void When_figures_are_read_should_report_each_scope_labelled_with_target_institution_and_unit_and_the_institution_without_a_unit()
    {
        metrics.Readings = new GaugeReadings(
            [
                new ScopeFigures("unit-visits-2024", "tjqg", null, 120m, 150.5m, 200m, TargetStatus.AtRisk),
                new ScopeFigures("unit-visits-2024", "tjqg", "JX", 9m, 12m, 25m, TargetStatus.OffTrack),
            ],
            null,
            null);

        readings.Collect();

        var actual = readings.Of("monitor.target.actual");
        Assert.Equal(2, actual.Count);
        var institution = Assert.Single(actual, r => r.Label("unit") is null);
        Assert.Equal((120d, "unit-visits-2024", "tjqg"), (institution.Value, institution.Label("target"), institution.Label("institution")));
        Assert.False(institution.Labels.ContainsKey("unit"));
        Assert.Equal(9d, Assert.Single(actual, r => r.Label("unit") == "JX").Value);
        Assert.Equal([150.5d, 12d], readings.Of("monitor.target.expected").Select(r => r.Value));
        Assert.Equal([200d, 25d], readings.Of("monitor.target.threshold").Select(r => r.Value));
    }

    [Theory]
    [InlineData(TargetStatus.Pending, 0)]
    [InlineData(TargetStatus.OnTrack, 1)]
    [InlineData(TargetStatus.AtRisk, 2)]
    [InlineData(TargetStatus.OffTrack, 3)]
    [InlineData(TargetStatus.Met, 4)]
    [InlineData(TargetStatus.Missed, 5)]
    [InlineData(TargetStatus.NoData, 6)]
    public void When_a_scope_has_a_status_should_report_the_documented_number(TargetStatus status, int number)
    {
        metrics.Readings = new GaugeReadings([new ScopeFigures("leadership-visits-2024", "tjqg", null, 1m, 1m, 100m, status)], null, null);

        readings.Collect();

        Assert.Equal(number, Assert.Single(readings.Of("monitor.target.status")).Value);
    }

    [Fact]
    public void When_a_scope_has_no_expected_figure_should_leave_its_expected_series_out_and_keep_the_others()
    {
        metrics.Readings = new GaugeReadings([new ScopeFigures("leadership-visits-2024", "tjqg", null, 0m, null, 100m, TargetStatus.Pending)], null, null);

        readings.Collect();

        Assert.Empty(readings.Of("monitor.target.expected"));
        Assert.Single(readings.Of("monitor.target.actual"));
        Assert.Single(readings.Of("monitor.target.threshold"));
    }

    [Fact]
    public void When_backlogs_are_read_should_report_the_outbox_and_each_webhook_and_nothing_before_the_first_read()
    {
        readings.Collect();
        Assert.Empty(readings.Of("monitor.outbox.backlog"));
        Assert.Empty(readings.Of("monitor.notifications.pending"));

        metrics.Readings = new GaugeReadings([], 3, new Dictionary<string, long> { ["office"] = 2, ["leaders"] = 1 });
        readings.Collect();

        Assert.Equal(3d, Assert.Single(readings.Of("monitor.outbox.backlog")).Value);
        Assert.Equal(
            [("leaders", 1d), ("office", 2d)],
            readings.Of("monitor.notifications.pending").Select(r => (r.Label("webhook"), r.Value)).OrderBy(p => p.Item1, StringComparer.Ordinal));
    }

    [Fact]
    public void When_events_are_accepted_deduplicated_and_rejected_should_count_each_once_as_consumed_and_the_others_by_reason()
    {
        metrics.Accepted("EnterpriseVisitRecorded");
        metrics.Accepted("EnterpriseVisitRecorded");
        metrics.Deduplicated("EnterpriseVisitRecorded");
        metrics.Rejected("EnterpriseVisitRecorded", MonitorMetrics.Invalid);
        metrics.Rejected("GraduateRegistered", MonitorMetrics.Unreadable);

        Assert.Equal(4d, Sum("monitor.events.consumed", "EnterpriseVisitRecorded"));
        Assert.Equal(1d, Sum("monitor.events.consumed", "GraduateRegistered"));
        Assert.Equal(1d, Sum("monitor.events.deduplicated", "EnterpriseVisitRecorded"));
        Assert.Equal(
            [("EnterpriseVisitRecorded", "invalid"), ("GraduateRegistered", "unreadable")],
            readings.Of("monitor.events.rejected").Select(r => (r.Label("event_type"), r.Label("reason"))));
    }

    [Fact]
    public void When_an_evaluation_finishes_should_record_its_duration_in_seconds_and_tell_the_followers()
    {
        EvaluationFinishedEventArgs? told = null;
        metrics.EvaluationFinished += (_, e) => told = e;

        metrics.Evaluated(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(1.5d, Assert.Single(readings.Of("monitor.evaluation.duration")).Value);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), told?.Elapsed);
    }

    private double Sum(string instrument, string eventType) =>
        readings.Of(instrument).Where(r => r.Label("event_type") == eventType).Sum(r => r.Value);
}
