using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Alerts;
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
    private readonly MonitorMetrics metrics;
    private readonly EvaluatedFigures evaluated;

    public GaugeRefresherSpecs()
    {
        metrics = new MonitorMetrics(services.GetRequiredService<IMeterFactory>());
        evaluated = new EvaluatedFigures(metrics);
    }

    public void Dispose()
    {
        evaluated.Dispose();
        services.Dispose();
    }

    [Fact]
    public async Task When_an_evaluation_has_run_should_read_its_figures_per_scope_in_order_and_the_outbox_backlog()
    {
        var target = TestTargets.UnitVisits();
        metrics.Evaluated([Evaluate(target, "JX", 9), Evaluate(target, null, 120)], TimeSpan.FromSeconds(1));
        await alerts.TrySaveAsync(State(target.Id), 0, TestAlerts.UnitVisits(null, TargetStatus.OnTrack, TargetStatus.AtRisk, AlertSeverity.Warning, 120m, 150m, 200m), CancellationToken.None);
        using var refresher = Refresher(evaluated, new TelemetryOptions());

        await refresher.RefreshAsync(CancellationToken.None);

        var read = metrics.Readings;
        Assert.Equal([(null, 120m, 200m), ("JX", 9m, 25m)], read.Figures.Select(f => (f.UnitCode, f.Actual, f.Threshold)));
        Assert.All(read.Figures, f => Assert.Equal((target.Id, "tjqg"), (f.TargetId, f.InstitutionId)));
        Assert.Equal(1, read.OutboxBacklog);
        Assert.Null(read.PendingByWebhook);
    }

    [Fact]
    public async Task When_unit_gauges_are_off_should_keep_the_institutions_scope_only()
    {
        var target = TestTargets.UnitVisits();
        metrics.Evaluated([Evaluate(target, null, 120), Evaluate(target, "JX", 9), Evaluate(target, "DZ", 30)], TimeSpan.FromSeconds(1));
        using var refresher = Refresher(evaluated, new TelemetryOptions { UnitGauges = false });

        await refresher.RefreshAsync(CancellationToken.None);

        var only = Assert.Single(metrics.Readings.Figures);
        Assert.Equal((null, 120m), (only.UnitCode, only.Actual));
    }

    [Fact]
    public async Task When_a_later_evaluation_covers_a_scope_again_should_report_its_newer_figures()
    {
        var target = TestTargets.LeadershipVisits();
        metrics.Evaluated([Evaluate(target, null, 40)], TimeSpan.FromSeconds(1));
        metrics.Evaluated([Evaluate(target, null, 46)], TimeSpan.FromSeconds(1));
        using var refresher = Refresher(evaluated, new TelemetryOptions());

        await refresher.RefreshAsync(CancellationToken.None);

        Assert.Equal(46m, Assert.Single(metrics.Readings.Figures).Actual);
    }

    [Fact]
    public async Task When_running_and_an_evaluation_finishes_should_refresh_at_once_without_waiting_for_the_period()
    {
        var target = TestTargets.LeadershipVisits();
        using var refresher = Refresher(evaluated, new TelemetryOptions { RefreshEvery = TimeSpan.FromHours(1) });
        await refresher.StartAsync(CancellationToken.None);
        try
        {
            await WaitUntil(() => metrics.Readings.OutboxBacklog is not null);
            Assert.Empty(metrics.Readings.Figures);

            metrics.Evaluated([Evaluate(target, null, 46)], TimeSpan.FromSeconds(1));

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
        failing.ReadAsync(Arg.Any<CancellationToken>()).ThrowsAsync(new TimeoutException("the database does not answer"));
        var before = new GaugeReadings([new ScopeFigures("leadership-visits-2024", "tjqg", null, 46m, 50m, 100m, TargetStatus.AtRisk)], 0, null);
        metrics.Readings = before;
        using var refresher = Refresher(failing, new TelemetryOptions { RefreshEvery = TimeSpan.FromMilliseconds(50) });

        await refresher.StartAsync(CancellationToken.None);
        await WaitUntil(() => failing.ReceivedCalls().Count() >= 2);
        await refresher.StopAsync(CancellationToken.None);

        Assert.Same(before, metrics.Readings);
    }

    private GaugeRefresher Refresher(ILatestFigures figures, TelemetryOptions options) =>
        new(metrics, figures, alerts, null, options, NullLogger<GaugeRefresher>.Instance);

    private static ScopeEvaluation Evaluate(TargetDefinition target, string? unitCode, int visits)
    {
        var measurement = Counts.Of((new DateOnly(2024, 3, 1), visits));
        var threshold = unitCode is null ? target.Threshold : 25m;
        var assessment = TargetEngine.Assess(target, threshold, measurement, Today);
        return new ScopeEvaluation(target, "tjqg", unitCode, unitCode ?? "天津轻工职院", assessment, assessment.Status, measurement);
    }

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
