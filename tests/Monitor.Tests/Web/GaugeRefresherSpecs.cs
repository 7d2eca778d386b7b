using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Alerts;
using Monitor.Worker.History;
using Monitor.Worker.Settings;
using Monitor.Worker.Targets;
using Monitor.Worker.Telemetry;
using Monitor.Worker.Web;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Monitor.Tests.Web;

public sealed class GaugeRefresherSpecs : IDisposable
{
    private static readonly DateOnly Today = new(2024, 6, 15);
    private static readonly DateTimeOffset Now = new(2024, 6, 15, 2, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly InMemoryAlertStore alerts = new(new FakeTimeProvider(Now));
    private readonly InMemoryHistoryStore history = new();
    private readonly TargetCatalog targets = new([TestTargets.LeadershipVisits(), TestTargets.UnitVisits()]);
    private readonly MonitorMetrics metrics;

    public GaugeRefresherSpecs() => metrics = new MonitorMetrics(services.GetRequiredService<IMeterFactory>());

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task When_the_history_has_figures_should_read_them_per_scope_in_order_and_the_outbox_backlog()
    {
        await history.SaveAsync([Row("unit-visits-2024", "JX", 9m, 25m), Row("unit-visits-2024", null, 120m, 200m)], CancellationToken.None);
        await alerts.TrySaveAsync(State("unit-visits-2024"), 0, TestAlerts.UnitVisits(null, TargetStatus.OnTrack, TargetStatus.AtRisk, AlertSeverity.Warning, 120m, 150m, 200m), CancellationToken.None);
        using var refresher = Refresher(History(), new TelemetryOptions());

        await refresher.RefreshAsync(CancellationToken.None);

        var read = metrics.Readings;
        Assert.Equal([(null, 120m, 200m), ("JX", 9m, 25m)], read.Figures.Select(f => (f.UnitCode, f.Actual, f.Threshold)));
        Assert.All(read.Figures, f => Assert.Equal(("unit-visits-2024", "tjqg"), (f.TargetId, f.InstitutionId)));
        Assert.Equal(1, read.OutboxBacklog);
        Assert.Null(read.PendingByWebhook);
    }

    [Fact]
    public async Task When_unit_gauges_are_off_should_keep_the_institutions_scope_only()
    {
        await history.SaveAsync([Row("unit-visits-2024", null, 120m, 200m), Row("unit-visits-2024", "JX", 9m, 25m), Row("unit-visits-2024", "DZ", 30m, 25m)], CancellationToken.None);
        using var refresher = Refresher(History(), new TelemetryOptions { UnitGauges = false });

        await refresher.RefreshAsync(CancellationToken.None);

        var only = Assert.Single(metrics.Readings.Figures);
        Assert.Equal((null, 120m), (only.UnitCode, only.Actual));
    }

    [Fact]
    public async Task When_running_and_an_evaluation_finishes_should_refresh_at_once_without_waiting_for_the_period()
    {
        using var refresher = Refresher(History(), new TelemetryOptions { RefreshEvery = TimeSpan.FromHours(1) });
        await refresher.StartAsync(CancellationToken.None);
        try
        {
            await WaitUntil(() => metrics.Readings.OutboxBacklog is not null);
            Assert.Empty(metrics.Readings.Figures);

            await history.SaveAsync([Row("leadership-visits-2024", null, 46m, 100m)], CancellationToken.None);
            metrics.Evaluated(TimeSpan.FromSeconds(1));

            await WaitUntil(() => metrics.Readings.Figures.Count == 1);
            Assert.Equal(46m, metrics.Readings.Figures[0].Actual);
        }
        finally
        {
            await refresher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task When_the_figures_cannot_be_read_should_keep_the_previous_readings_and_go_on_refreshing()
    {
        var failing = Substitute.For<ILatestFigures>();
        failing.ReadAsync(Arg.Any<bool>(), Arg.Any<CancellationToken>()).ThrowsAsync(new TimeoutException("the database does not answer"));
        var before = new GaugeReadings([new ScopeFigures("leadership-visits-2024", "tjqg", null, 46m, 50m, 100m, TargetStatus.AtRisk)], 0, null);
        metrics.Readings = before;
        using var refresher = Refresher(failing, new TelemetryOptions { RefreshEvery = TimeSpan.FromMilliseconds(50) });

        await refresher.StartAsync(CancellationToken.None);
        await WaitUntil(() => failing.ReceivedCalls().Count() >= 2);
        await refresher.StopAsync(CancellationToken.None);

        Assert.Same(before, metrics.Readings);
    }

    private HistoryFigures History() => new(targets, history);

    private GaugeRefresher Refresher(ILatestFigures figures, TelemetryOptions options) =>
        new(metrics, figures, alerts, null, options, NullLogger<GaugeRefresher>.Instance);

    private static HistoryEntry Row(string targetId, string? unitCode, decimal actual, decimal threshold) =>
        new(Today, new MetricSnapshot(targetId, "tjqg", unitCode, MetricKind.DistinctEmployersVisited, actual, null, null, threshold, null, null, TargetStatus.AtRisk, Now));

    private static AlertState State(string targetId) =>
        new(targetId, "tjqg", TargetStatus.AtRisk, Now, 1, 0, Now, null, null, 120m, Now, 1);

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 20)
        {
            Assert.True(waited < 10_000, "the refresher did not get there within 10 seconds");
            await Task.Delay(20);
        }
    }
}
