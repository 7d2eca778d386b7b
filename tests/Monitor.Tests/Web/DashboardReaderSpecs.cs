using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Alerts;
using Monitor.Worker.Delivery;
using Monitor.Worker.Evaluation;
using Monitor.Worker.History;
using Monitor.Worker.Institutions;
using Monitor.Worker.Placement;
using Monitor.Worker.Settings;
using Monitor.Worker.Targets;
using Monitor.Worker.Visits;
using Monitor.Worker.Web;
using NSubstitute;

namespace Monitor.Tests.Web;

public class DashboardReaderSpecs
{
    private static readonly DateTimeOffset Now = new(2024, 9, 10, 2, 0, 0, TimeSpan.Zero);

    private readonly IHistoryStore history = Substitute.For<IHistoryStore>();
    private readonly InMemoryHistoryStore newest = new();
    private readonly INotificationStore notifications = Substitute.For<INotificationStore>();
    private readonly InMemoryAlertStore alerts;
    private readonly FakeTimeProvider clock = new(Now);
    private readonly InMemorySilenceStore silences;
    private readonly DashboardReader reader;

    public DashboardReaderSpecs()
    {
        history.GetLatestAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>())
            .Returns(call => newest.GetLatestAsync(call.Arg<IReadOnlyCollection<string>>(), CancellationToken.None));
        silences = new InMemorySilenceStore(clock);
        alerts = new InMemoryAlertStore(clock);
        var targets = new TargetCatalog([TestTargets.UnitVisits() with { UnitThresholds = new Dictionary<string, decimal> { ["ZJ"] = 10 } }, TestTargets.Placement()]);
        var scopes = new ScopeReader(TestInstitutions.Catalog, new InMemoryVisitStore(), new InMemoryPlacementStore(), alerts);
        var robots = new DeliveryOptions { Webhooks = [new WebhookOptions { Name = "office", Kind = WebhookKind.WeCom }, new WebhookOptions { Name = "dean-rg", Kind = WebhookKind.WeCom }] };
        reader = new DashboardReader(TestInstitutions.Catalog, targets, history, alerts, silences, scopes, clock, Options.Create(new MonitorOptions()), notifications, robots);
    }

    private static HistoryEntry Row(string targetId, string? unit, DateOnly day, TargetStatus status, decimal actual, decimal? expected, decimal threshold, string institution = "tjqg") =>
        new(day, new MetricSnapshot(targetId, institution, unit, MetricKind.DistinctEmployersVisited, actual, null, null, threshold, expected, null, status, Now));

    [Fact]
    public async Task When_a_target_is_shown_should_put_the_institution_first_then_its_units_lagging_first_in_words_and_colours()
    {
        var day = new DateOnly(2024, 9, 10);
        await newest.SaveAsync(
        [
            Row("unit-visits-2024", null, day, TargetStatus.OnTrack, 140, 130, 200),
            Row("unit-visits-2024", "JX", day, TargetStatus.OnTrack, 25, 20, 30),
            Row("unit-visits-2024", "RG", day, TargetStatus.OffTrack, 5, 17, 25),
            Row("unit-visits-2024", "ZJ", day, TargetStatus.AtRisk, 5, 7, 10),
        ], CancellationToken.None);
        await silences.AddAsync(new NewSilence("tjqg", "RG", "unit-visits-2024", Now.AddDays(3), "院长出差", "admin"), CancellationToken.None);

        var detail = (await reader.TargetAsync("unit-visits-2024", CancellationToken.None))!;

        Assert.Equal([null, "RG", "ZJ", "JX"], detail.Scopes.Select(s => s.UnitCode));
        Assert.Equal([null, 1, 2, 3], detail.Scopes.Select(s => s.Rank));
        Assert.Equal(["进度正常", "明显滞后", "略有滞后", "进度正常"], detail.Scopes.Select(s => s.StatusName));
        Assert.Equal(["green", "red", "yellow", "green"], detail.Scopes.Select(s => s.Colour));
        Assert.Equal([70m, 20m, 50m, 83.3m], detail.Scopes.Select(s => s.ShareOfThreshold));
        Assert.Equal(["人工智能学院"], detail.Scopes.Where(s => s.Silenced).Select(s => s.ScopeName));
        Assert.Equal("院长出差", Assert.Single(detail.Silences).Reason);
        Assert.Equal("天津轻工职院", detail.Target.Latest!.ScopeName);
    }

    [Fact]
    public async Task When_the_targets_are_listed_should_give_each_its_institutions_newest_row_all_read_at_once()
    {
        var day = new DateOnly(2024, 9, 10);
        await newest.SaveAsync(
        [
            Row("unit-visits-2024", null, day.AddDays(-1), TargetStatus.AtRisk, 120, 130, 200),
            Row("unit-visits-2024", null, day, TargetStatus.OnTrack, 140, 130, 200),
            Row("unit-visits-2024", "JX", day, TargetStatus.OffTrack, 5, 20, 30),
        ], CancellationToken.None);

        var list = await reader.TargetsAsync(CancellationToken.None);

        Assert.Equal(["unit-visits-2024", "placement-2024"], list.Select(t => t.Id));
        Assert.Equal((null, day, 140m, "进度正常"), (list[0].Latest!.UnitCode, list[0].Latest!.Day, list[0].Latest!.Snapshot.Actual, list[0].Latest!.StatusName));
        Assert.Null(list[1].Latest);
        await history.Received(1).GetLatestAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task When_a_units_series_is_read_should_give_its_rows_its_own_pace_line_and_the_forecast_from_its_latest_row()
    {
        var days = new[] { new DateOnly(2024, 9, 8), new DateOnly(2024, 9, 9) };
        history.GetSeriesAsync("unit-visits-2024", "ZJ", new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), Arg.Any<CancellationToken>()).Returns(
        [
            Row("unit-visits-2024", "ZJ", days[0], TargetStatus.OnTrack, 6, 6, 10),
            new(days[1], Row("unit-visits-2024", "ZJ", days[1], TargetStatus.OnTrack, 7, 6, 10).Snapshot with { Forecast = 10.4m, ForecastLow = 9.8m, ForecastHigh = 11m }),
        ]);

        var series = (await reader.SeriesAsync("unit-visits-2024", "ZJ", null, null, CancellationToken.None))!;

        Assert.Equal([6m, 7m], series.Points.Select(p => p.Actual));
        Assert.Equal((10m, "招生就业处", new DateOnly(2024, 9, 10)), (series.Threshold, series.ScopeName, series.Today));
        Assert.Equal((366, 10m), (series.Pace.Count, series.Pace[^1].Expected));
        Assert.Equal(new ForecastView(days[1], 7m, new DateOnly(2024, 12, 31), 10.4m, 9.8m, 11m), series.Forecast);
        Assert.Null(series.Measured);

        history.GetSeriesAsync("unit-visits-2024", "ZJ", days[1], days[1], Arg.Any<CancellationToken>()).Returns([]);
        var fromTheNinth = (await reader.SeriesAsync("unit-visits-2024", "ZJ", days[1], days[1], CancellationToken.None))!;
        Assert.Equal((days[1], new DateOnly(2024, 12, 31), 114), (fromTheNinth.Pace[0].Day, fromTheNinth.Pace[^1].Day, fromTheNinth.Pace.Count));
    }

    [Fact]
    public async Task When_a_rate_is_read_after_its_measurement_date_should_give_the_measured_figure_apart_from_todays_labelled_provisional()
    {
        var snapshot = new MetricSnapshot("placement-2024", "tjqg", null, MetricKind.PlacementRate, 95.44m, 2386, 2500, 95, null, null, TargetStatus.Met, Now)
        {
            AsOf = new DateOnly(2024, 8, 31),
            CurrentActual = 96.1m,
            IsFinal = false,
        };
        history.GetSeriesAsync("placement-2024", null, new DateOnly(2024, 3, 1), new DateOnly(2024, 9, 14), Arg.Any<CancellationToken>())
            .Returns([new HistoryEntry(new DateOnly(2024, 9, 10), snapshot)]);
        await newest.SaveAsync([new HistoryEntry(new DateOnly(2024, 9, 10), snapshot)], CancellationToken.None);

        var series = (await reader.SeriesAsync("placement-2024", null, null, null, CancellationToken.None))!;

        Assert.Equal(
            new MeasuredView(new DateOnly(2024, 8, 31), 95.44m, 2386, 2500, IsFinal: false, "暂定", 96.1m, new DateOnly(2024, 9, 10)),
            series.Measured);
        Assert.Null(series.Forecast);
        Assert.Equal("%", series.Unit);

        // 95 % of 2,500 graduates is 2,375: the line ends there, 95 % of them.
        Assert.Equal(95m, series.Pace[^1].Expected);
    }

    [Fact]
    public async Task When_an_unknown_target_or_a_unit_of_a_target_not_measured_per_unit_is_asked_for_should_answer_nothing()
    {
        Assert.Null(await reader.TargetAsync("nope", CancellationToken.None));
        Assert.Null(await reader.SeriesAsync("unit-visits-2024", "XX", null, null, CancellationToken.None));
        Assert.Null(await reader.AlertsAsync("nope", CancellationToken.None));
    }

    [Fact]
    public async Task When_the_alerts_are_read_should_give_them_newest_first_each_with_what_became_of_it_at_every_robot()
    {
        var older = TestAlerts.UnitVisits("RG", TargetStatus.OnTrack, TargetStatus.AtRisk, AlertSeverity.Warning, 5, 8, 25, Now.AddDays(-3));
        var newer = TestAlerts.UnitVisits("RG", TargetStatus.AtRisk, TargetStatus.OffTrack, AlertSeverity.Critical, 5, 12, 25, Now.AddDays(-1), transition: 2);
        await SaveAsync(older);
        await SaveAsync(newer);
        var posted = Guid.NewGuid();
        notifications.GetQueueAsync("office", Arg.Any<CancellationToken>()).Returns(
        [
            new QueueEntry("office", older.AlertId, NotificationKind.Alert, "tjqg|unit-visits-2024", QueueState.Sent, posted),
            new QueueEntry("office", newer.AlertId, NotificationKind.Alert, "tjqg|unit-visits-2024", QueueState.Pending, null),
        ]);
        notifications.GetQueueAsync("dean-rg", Arg.Any<CancellationToken>()).Returns(
            [new QueueEntry("dean-rg", newer.AlertId, NotificationKind.Alert, "tjqg|unit-visits-2024", QueueState.Silenced, null)]);
        notifications.GetDeliveriesAsync(posted, Arg.Any<CancellationToken>()).Returns([new WebhookDelivery("office", posted, "alert", Now.AddDays(-3).AddMinutes(2))]);

        var timeline = (await reader.AlertsAsync("unit-visits-2024", CancellationToken.None))!;

        Assert.Equal([newer.AlertId, older.AlertId], timeline.Select(a => a.AlertId));
        Assert.Equal(("人工智能学院", "明显滞后", "red", "严重"), (timeline[0].ScopeName, timeline[0].StatusName, timeline[0].Colour, timeline[0].SeverityName));
        Assert.Equal(
            [new AlertDelivery("office", QueueState.Pending, null, null), new AlertDelivery("dean-rg", QueueState.Silenced, null, null)],
            timeline[0].Deliveries);
        Assert.Equal([new AlertDelivery("office", QueueState.Sent, posted, Now.AddDays(-3).AddMinutes(2))], timeline[1].Deliveries);
    }

    private async Task SaveAsync(TargetStatusChanged alert)
    {
        var scope = $"tjqg/{alert.UnitCode}";
        var current = await alerts.GetStateAsync(alert.TargetId, scope, CancellationToken.None);
        var state = new AlertState(alert.TargetId, scope, alert.Current, alert.EvaluatedAt, (current?.Transitions ?? 0) + 1, 0, alert.EvaluatedAt, null, null, alert.Actual, alert.EvaluatedAt, (current?.Version ?? 0) + 1);
        Assert.True(await alerts.TrySaveAsync(state, current?.Version ?? 0, alert, CancellationToken.None));
    }

    [Fact]
    public async Task When_several_institutions_are_configured_should_rank_them_on_each_kind_of_target_leading_first()
    {
        var other = new Institution("tjjd", "天津机电职业技术学院", "天津机电职院", TestInstitutions.Tjqg.TimeZone, [new Unit("JD", "机电工程学院")]);
        var third = other with { Id = "tjjt", Name = "天津交通职业学院", ShortName = "天津交通职院" };
        var catalog = new InstitutionCatalog([TestInstitutions.Tjqg, other, third]);
        var leadership = TestTargets.LeadershipVisits();
        var targets = new TargetCatalog(
        [
            leadership,
            leadership with { Id = "tjjd-leadership-2024", InstitutionId = "tjjd" },
            leadership with { Id = "tjjt-leadership-2024", InstitutionId = "tjjt" },
            TestTargets.Placement(),
        ]);
        var day = new DateOnly(2024, 9, 10);
        await newest.SaveAsync(
        [
            Row("leadership-visits-2024", null, day, TargetStatus.OnTrack, 71, 65, 100),
            Row("tjjd-leadership-2024", null, day, TargetStatus.OffTrack, 40, 65, 100, "tjjd"),
            Row("tjjt-leadership-2024", null, day, TargetStatus.OnTrack, 80, 65, 100, "tjjt"),
        ], CancellationToken.None);
        var province = new DashboardReader(
            catalog, targets, history, new InMemoryAlertStore(clock), silences, new ScopeReader(catalog, new InMemoryVisitStore(), new InMemoryPlacementStore(), new InMemoryAlertStore(clock)),
            clock, Options.Create(new MonitorOptions()));

        var rankings = await province.ProvinceAsync(CancellationToken.None);

        Assert.Equal(["DistinctEmployersVisited/Leadership/2024", "PlacementRate/2024/2024"], rankings.Select(r => r.Key));
        Assert.Equal(
            [(1, "天津交通职院", "tjjt-leadership-2024"), (2, "天津轻工职院", "leadership-visits-2024"), (3, "天津机电职院", "tjjd-leadership-2024")],
            rankings[0].Institutions.Select(r => (r.Rank, r.InstitutionName, r.TargetId)));
        Assert.Equal(["green", "green", "red"], rankings[0].Institutions.Select(r => r.Latest.Colour));
        Assert.Empty(rankings[1].Institutions);
        await history.Received(1).GetLatestAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task When_one_institution_is_configured_should_have_no_province_view()
    {
        Assert.Empty(await reader.ProvinceAsync(CancellationToken.None));
    }
}
