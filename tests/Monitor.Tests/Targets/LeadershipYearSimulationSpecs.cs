using System.Globalization;
using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Alerts;
using Monitor.Worker.Institutions;
using Monitor.Worker.Visits;
using Monitor.Worker.Targets;

namespace Monitor.Tests.Targets;

/// <summary>
/// 2024 for 学院领导班子走访用人单位 (≥ 100 employers), evaluated every morning with the pure engine and alert policy over
/// the visits recorded so far. The visits are uneven as a college's year is: slow over winter and the Spring Festival,
/// busy in spring, a summer lull, a strong autumn. Judged on the seed's pace (the school calendar: month weights and
/// holidays) with the seed's settings, the year is quiet; judged on a linear pace with the built-in settings (3 days'
/// dwell before a worse status, 7 before a better one, reminders every 28 days), it shows each rule at work.
/// </summary>
public class LeadershipYearSimulationSpecs
{
    // Days on which a new employer was first visited, month by month (102 in all).
    private static readonly int[][] NewEmployerDays =
    [
        [10, 19, 29],
        [20, 27],
        [5, 7, 12, 14, 19, 21, 26, 27, 28, 29],
        [2, 3, 9, 10, 11, 16, 17, 18, 23, 24, 25, 26, 28, 30],
        [7, 8, 9, 14, 15, 16, 21, 22, 23, 24, 28, 29, 30, 31],
        [4, 6, 12, 13, 18, 20, 25, 26, 28],
        [9, 16, 23],
        [20, 29],
        [3, 5, 10, 12, 13, 19, 20, 24, 25, 26, 27],
        [9, 10, 11, 15, 16, 17, 22, 23, 24, 29, 30, 31],
        [5, 6, 7, 12, 13, 14, 19, 20, 21, 26, 27, 28, 29],
        [3, 4, 5, 10, 11, 12, 17, 18, 19],
    ];

    private static readonly TargetDefinition SeedTarget = TargetCatalog.Load(
        RepositoryFiles.Path("seeds", "targets-2024.json"),
        InstitutionCatalog.Load(RepositoryFiles.Path("seeds", "institutions.json"))).All.Single(t => t.Id == "leadership-visits-2024");

    private static List<VisitFact> Visits()
    {
        var visits = new List<VisitFact>();
        var n = 0;
        for (var month = 1; month <= 12; month++)
        {
            foreach (var day in NewEmployerDays[month - 1])
            {
                n++;
                var body = "91120000MA0" + n.ToString("D6", CultureInfo.InvariantCulture);
                var code = n % 3 == 0 ? body + EmployerIdentity.CheckCharacter(body) : null;
                visits.Add(new VisitFact($"v{n:D3}", VisitTier.Leadership, null, $"天津（滨海）示范企业{n:D3}有限公司", code, new DateOnly(2024, month, day), 5 + (n % 7)));
            }
        }

        // Second visits, under name variants and without the code: they add positions, never employers.
        visits.Add(new VisitFact("r1", VisitTier.Leadership, null, "天津(滨海)示范企业003有限公司", null, new DateOnly(2024, 3, 20), 4));
        visits.Add(new VisitFact("r2", VisitTier.Leadership, null, " 天津（滨海） 示范企业020有限公司", null, new DateOnly(2024, 6, 5), 2));
        visits.Add(new VisitFact("r3", VisitTier.Leadership, null, "天津（滨海）示范企业051有限公司", "91120000MA0000051" + EmployerIdentity.CheckCharacter("91120000MA0000051"), new DateOnly(2024, 8, 6), 3));
        visits.Add(new VisitFact("r4", VisitTier.Leadership, null, "天津（滨海）示范企业070有限公司", null, new DateOnly(2024, 11, 15), 6));
        return visits;
    }

    private sealed record Day(DateOnly On, Assessment Assessment, TargetStatus Announced, TargetStatusChanged? Alert);

    /// <summary>Every morning at 08:30 in Tianjin from 1 January 2024 to 3 January 2025.</summary>
    private static List<Day> RunYear(TargetDefinition target)
    {
        var visits = Visits();
        var days = new List<Day>();
        AlertState? state = null;
        for (var on = new DateOnly(2024, 1, 1); on <= new DateOnly(2025, 1, 3); on = on.AddDays(1))
        {
            var now = new DateTimeOffset(on.ToDateTime(new TimeOnly(8, 30)), TimeSpan.FromHours(8));
            var today = on;
            var m = VisitMeasurements.Build(target, visits.Where(v => v.VisitedOn <= today).ToList(), [])[ScopeKeys.Institution];
            var a = TargetEngine.Assess(target, target.Threshold, m, on);
            var d = AlertPolicy.Decide(target.Id, "tjqg", state, a, target.Alerting, now);
            TargetStatusChanged? alert = null;
            if (d.Announce)
            {
                var severity = AlertPolicy.Severity(d.State.Status, a.SmallGroup);
                alert = new TargetStatusChanged(
                    AlertIds.For(target.Id, "tjqg", d.State.Transitions, d.State.Reminders), target.Id, target.Name, "tjqg", null, d.Previous, d.State.Status,
                    severity, a.Actual, null, null, a.Threshold, a.ExpectedByNow, a.Forecast, a.RequiredPerWeek, a.DaysLeft, a.Deadline, [],
                    AlertText.Summary(target, "天津轻工职院", a, d.Previous, d.State.Status, severity, d.IsReminder, d.IsFinalNotice, [], "zh-CN"), now, d.IsReminder);
            }

            days.Add(new Day(on, a, d.State.Status, alert));
            state = d.State;
        }

        return days;
    }

    private static readonly List<Day> Year = RunYear(TestTargets.LeadershipVisits());

    private static readonly List<Day> SeedYear = RunYear(SeedTarget);

    private static string Line(TargetStatusChanged a) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{DateOnly.FromDateTime(a.EvaluatedAt.DateTime):MM-dd} {(a.IsReminder ? "still " : a.Previous is null ? "" : a.Previous + "->")}{a.Current} {a.Severity} {a.Actual}/{a.ExpectedByNow}");

    [Fact]
    public void When_the_year_is_judged_on_the_seed_calendar_pace_should_announce_only_the_target_met()
    {
        Assert.Equal(["12-17 OnTrack->Met Info 100/95"], SeedYear.Where(d => d.Alert is not null).Select(d => Line(d.Alert!)));
        Assert.All(SeedYear, d => Assert.Contains(d.Assessment.Status, new[] { TargetStatus.Pending, TargetStatus.OnTrack, TargetStatus.Met }));
    }

    [Fact]
    public void When_the_winter_is_slow_on_the_seed_calendar_pace_should_stay_pending_until_three_employers_are_owed()
    {
        // The winter break and the Spring Festival weigh little or nothing: the line owes its third employer late in February.
        var firstOwingThree = SeedYear.First(d =>
            Math.Floor(SeedTarget.Threshold * SeedTarget.Pace.Share(d.On.AddDays(-1), SeedTarget.PeriodStart, SeedTarget.Deadline)) >= 3).On;

        Assert.Equal(firstOwingThree, SeedYear.First(d => d.Assessment.Status != TargetStatus.Pending).On);
        Assert.True(firstOwingThree > new DateOnly(2024, 2, 17));
    }

    [Fact]
    public void When_the_year_is_evaluated_daily_should_announce_exactly_these_alerts()
    {
        string[] expected =
        [
            // 1 to 14 January: Pending, with no judgement before a fortnight has run. 15 January: 3 owed and 1 visited,
            // behind beyond the band of 1; the forecast does not count yet (the period is younger than its 28-day window).
            "01-15 Pending->AtRisk Warning 1/3",
            // From 28 January the forecast counts and even the best pace shown misses clearly: OffTrack, announced after
            // the 3-day dwell.
            "01-31 AtRisk->OffTrack Critical 3/8",
            "02-28 still OffTrack Critical 5/15",
            // A strong March: from 26 March the count clears the OffTrack boundary by the margin; the better status holds
            // 7 days before it is announced (the reminder due on 27 March gives way to it).
            "04-02 OffTrack->AtRisk Warning 16/25",
            "05-03 AtRisk->OnTrack Info 29/33",
            // The summer lull: behind beyond the band from 12 August.
            "08-15 OnTrack->AtRisk Warning 55/62",
            // 26–28 August OffTrack for three mornings, back to AtRisk on the 29th: the dwell holds. From 30 August it stays.
            "09-02 AtRisk->OffTrack Critical 57/66",
            "10-01 OffTrack->AtRisk Warning 68/74",
            "10-29 AtRisk->OnTrack Info 78/82",
            // The 100th employer: met two weeks early; no reminders, and the new year changes nothing.
            "12-17 OnTrack->Met Info 100/95",
        ];

        Assert.Equal(expected, Year.Where(d => d.Alert is not null).Select(d => Line(d.Alert!)));
    }

    [Fact]
    public void When_the_count_hovers_at_a_boundary_should_not_flap()
    {
        static string Raw(string from, string to) => string.Join(
            " ",
            Year.Where(d => d.On >= DateOnly.Parse(from, CultureInfo.InvariantCulture) && d.On <= DateOnly.Parse(to, CultureInfo.InvariantCulture))
                .Select(d => $"{d.Assessment.Status}/{d.Announced}"));

        // The engine's raw status crosses a boundary and back; the announced status holds until a change has dwelt.
        Assert.Equal(
            "OffTrack/AtRisk AtRisk/AtRisk AtRisk/AtRisk AtRisk/AtRisk AtRisk/AtRisk AtRisk/AtRisk AtRisk/AtRisk OffTrack/AtRisk OffTrack/AtRisk OffTrack/AtRisk AtRisk/AtRisk",
            Raw("2024-08-19", "2024-08-29"));
        Assert.Equal(
            "OffTrack/OffTrack OffTrack/OffTrack AtRisk/OffTrack OffTrack/OffTrack",
            Raw("2024-09-03", "2024-09-06"));

        var rawChanges = Year.Zip(Year.Skip(1)).Count(p => p.First.Assessment.Status != p.Second.Assessment.Status);
        var announcedChanges = Year.Count(d => d.Alert is { IsReminder: false, Previous: not null });
        Assert.Equal(21, rawChanges);
        Assert.Equal(9, announcedChanges);
    }

    [Fact]
    public void When_the_forecast_range_is_wholly_above_the_threshold_should_never_be_critical()
    {
        var confident = Year.Concat(SeedYear)
            .Where(d => d.Assessment.ForecastLow >= d.Assessment.Threshold && d.Assessment.Status is not TargetStatus.Met)
            .ToList();

        Assert.NotEmpty(confident);
        Assert.All(confident, d => Assert.NotEqual(AlertSeverity.Critical, AlertPolicy.Severity(d.Assessment.Status, d.Assessment.SmallGroup)));
    }

    [Fact]
    public void When_a_bad_status_persists_should_remind_every_four_weeks_counting_from_the_last_alert()
    {
        var alerts = Year.Select(d => d.Alert).OfType<TargetStatusChanged>().ToList();
        var reminders = alerts.Zip(alerts.Skip(1)).Where(p => p.Second.IsReminder).ToList();

        var (previous, reminder) = Assert.Single(reminders);
        Assert.Equal(TimeSpan.FromDays(28), reminder.EvaluatedAt - previous.EvaluatedAt);
        Assert.Equal(TargetStatus.OffTrack, reminder.Current);
    }

    [Fact]
    public void When_alerts_are_raised_over_the_year_should_give_each_its_own_id()
    {
        var ids = Year.Select(d => d.Alert).OfType<TargetStatusChanged>().Select(a => a.AlertId).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void When_the_autumn_starts_off_track_should_tell_the_leaders_the_pace_now_required()
    {
        var alert = Year.Single(d => d.On == new DateOnly(2024, 9, 2)).Alert!;

        // 43 employers still needed, 2 September to 31 December is 120 days: 43 × 7 / 120 ≈ 2.5 a week.
        Assert.Contains("已走访 57 家，目标 100 家；按进度此时应达 66 家。还需走访 43 家，剩余 120 天，约每周 2.5 家。", alert.Summary, StringComparison.Ordinal);
        Assert.Equal(2.5m, alert.RequiredPerWeek);
    }

    [Fact]
    public void When_the_year_ends_should_count_each_employer_once_and_every_position()
    {
        var last = Year[^1];
        var m = VisitMeasurements.Build(SeedTarget, Visits(), [])[ScopeKeys.Institution];

        Assert.Equal(TargetStatus.Met, last.Announced);
        Assert.Equal(TargetStatus.Met, SeedYear[^1].Announced);
        Assert.Equal(102m, last.Assessment.Actual);
        Assert.Equal(Visits().Sum(v => v.PositionsOpened), m.PositionsOpened);
    }
}
