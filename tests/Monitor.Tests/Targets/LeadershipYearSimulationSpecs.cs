using System.Globalization;
using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Alerts;
using Monitor.Worker.Storage;
using Monitor.Worker.Targets;
using Monitor.Worker.Visits;

namespace Monitor.Tests.Targets;

/// <summary>
/// 2024 for 学院领导班子走访用人单位 (≥ 100 employers, linear pace, the seed's alert settings: 10 % band, 3 % recovery
/// margin, reminders every 7 days), evaluated every morning with the pure engine and alert policy over the visits
/// recorded so far. The pace is uneven as a college's year is: slow over winter and Spring Festival, busy in spring,
/// a summer lull, a strong autumn.
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

    private static readonly TargetDefinition Target = TestTargets.LeadershipVisits();

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
    private static List<Day> RunYear()
    {
        var visits = Visits();
        var days = new List<Day>();
        AlertState? state = null;
        for (var on = new DateOnly(2024, 1, 1); on <= new DateOnly(2025, 1, 3); on = on.AddDays(1))
        {
            var now = new DateTimeOffset(on.ToDateTime(new TimeOnly(8, 30)), TimeSpan.FromHours(8));
            var today = on;
            var m = VisitMeasurements.Build(Target, visits.Where(v => v.VisitedOn <= today).ToList(), [])[ScopeKeys.Institution];
            var a = TargetEngine.Assess(Target, Target.Threshold, m, on);
            var d = AlertPolicy.Decide(Target.Id, "tjqg", state, a, Target.Alerting, now);
            TargetStatusChanged? alert = null;
            if (d.Announce)
            {
                var severity = AlertPolicy.Severity(d.State.Status, a.SmallGroup);
                alert = new TargetStatusChanged(
                    AlertIds.For(Target.Id, "tjqg", d.State.Transitions, d.State.Reminders), Target.Id, Target.Name, "tjqg", null, d.Previous, d.State.Status,
                    severity, a.Actual, null, null, a.Threshold, a.ExpectedByNow, a.Forecast, a.RequiredPerWeek, a.DaysLeft, a.Deadline, [],
                    AlertText.Summary(Target, "天津轻工职院", a, d.Previous, d.State.Status, severity, d.IsReminder, [], "zh-CN"), now, d.IsReminder);
            }

            days.Add(new Day(on, a, d.State.Status, alert));
            state = d.State;
        }

        return days;
    }

    private static readonly List<Day> Year = RunYear();

    private static string Line(TargetStatusChanged a) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{DateOnly.FromDateTime(a.EvaluatedAt.DateTime):MM-dd} {(a.IsReminder ? "still " : a.Previous is null ? "" : a.Previous + "->")}{a.Current} {a.Severity} {a.Actual}/{a.ExpectedByNow}");

    [Fact]
    public void When_the_year_is_evaluated_daily_should_announce_exactly_these_alerts()
    {
        string[] expected =
        [
            // New Year's Day: nothing visited yet, 0.3 expected; below the band and a forecast of 0: OffTrack.
            "01-01 OffTrack Critical 0/0.3",
            // Winter and Spring Festival: a reminder every 7 days while the count falls further behind.
            "01-08 still OffTrack Critical 0/2.2",
            "01-15 still OffTrack Critical 1/4.1",
            "01-22 still OffTrack Critical 2/6.0",
            "01-29 still OffTrack Critical 3/7.9",
            "02-05 still OffTrack Critical 3/9.8",
            "02-12 still OffTrack Critical 3/11.7",
            "02-19 still OffTrack Critical 3/13.7",
            "02-26 still OffTrack Critical 4/15.6",
            // Spring: the pace is strong but the gap is large; still below 90 % of expected.
            "03-04 still OffTrack Critical 5/17.5",
            "03-11 still OffTrack Critical 7/19.4",
            "03-18 still OffTrack Critical 9/21.3",
            "03-25 still OffTrack Critical 11/23.2",
            "04-01 still OffTrack Critical 15/25.1",
            "04-08 still OffTrack Critical 17/27.0",
            "04-15 still OffTrack Critical 20/29.0",
            "04-22 still OffTrack Critical 23/30.9",
            "04-29 still OffTrack Critical 28/32.8",
            "05-06 still OffTrack Critical 29/34.7",
            "05-13 still OffTrack Critical 32/36.6",
            // 35 clears the band's floor 33.66 by the 1.12 margin (34.78); 9–15 May it hovered there without an alert.
            "05-16 OffTrack->AtRisk Warning 35/37.4",
            "05-23 still AtRisk Warning 38/39.3",
            "05-30 still AtRisk Warning 42/41.3",
            // 43 ≥ 41.5 + 1.245: back on track (41 on 29 May was above expected but inside the margin).
            "05-31 AtRisk->OnTrack Info 43/41.5",
            // Summer lull: 53 < 53.3, and even the year's average pace (53 in 195 days) forecasts only 99.5.
            "07-13 OnTrack->OffTrack Critical 53/53.3",
            "07-20 still OffTrack Critical 54/55.2",
            "07-27 still OffTrack Critical 55/57.1",
            "08-03 still OffTrack Critical 55/59.0",
            "08-10 still OffTrack Critical 55/60.9",
            "08-17 still OffTrack Critical 55/62.8",
            "08-24 still OffTrack Critical 56/64.8",
            "08-31 still OffTrack Critical 57/66.7",
            "09-07 still OffTrack Critical 59/68.6",
            "09-14 still OffTrack Critical 62/70.5",
            "09-21 still OffTrack Critical 64/72.4",
            // 26 September – 2 October the raw status is AtRisk, inside the band but not by the margin: no alert.
            "09-28 still OffTrack Critical 68/74.3",
            "10-05 still OffTrack Critical 68/76.2",
            "10-12 still OffTrack Critical 71/78.1",
            // Strong October: 74 clears 73.9, and the best forecast 103.5 clears 100 + 2.4.
            "10-17 OffTrack->AtRisk Warning 74/79.5",
            // Three days without a new employer while the 28-day window moves past September's visits: the best forecast falls to 99.7.
            "10-20 AtRisk->OffTrack Critical 74/80.3",
            // 22–29 October the raw status goes AtRisk, OffTrack, AtRisk: the forecast hovers at 100 and no alert goes out.
            "10-27 still OffTrack Critical 77/82.2",
            "10-30 OffTrack->AtRisk Warning 79/83.1",
            "11-06 still AtRisk Warning 82/85.0",
            "11-13 still AtRisk Warning 85/86.9",
            "11-20 still AtRisk Warning 88/88.8",
            // From 27 November the count is above expected (91 > 90.7) but not by the 2.7 margin.
            "11-27 still AtRisk Warning 91/90.7",
            "12-04 still AtRisk Warning 95/92.6",
            "12-05 AtRisk->OnTrack Info 96/92.9",
            // The 100th employer: met two weeks early; no reminders, and the new year changes nothing.
            "12-17 OnTrack->Met Info 100/96.2",
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

        // The engine's raw status crosses a boundary and back; the announced status holds.
        Assert.Equal(
            "AtRisk/OffTrack OffTrack/OffTrack OffTrack/OffTrack OffTrack/OffTrack OffTrack/OffTrack OffTrack/OffTrack AtRisk/OffTrack AtRisk/AtRisk",
            Raw("2024-05-09", "2024-05-16"));
        Assert.Equal(
            "AtRisk/OffTrack AtRisk/OffTrack AtRisk/OffTrack OffTrack/OffTrack OffTrack/OffTrack OffTrack/OffTrack OffTrack/OffTrack AtRisk/OffTrack AtRisk/AtRisk",
            Raw("2024-10-22", "2024-10-30"));
        Assert.All(Year.Where(d => d.On >= new DateOnly(2024, 11, 27) && d.On <= new DateOnly(2024, 12, 4)), d =>
        {
            Assert.Equal(TargetStatus.OnTrack, d.Assessment.Status);
            Assert.Equal(TargetStatus.AtRisk, d.Announced);
        });

        var rawChanges = Year.Zip(Year.Skip(1)).Count(p => p.First.Assessment.Status != p.Second.Assessment.Status);
        var announcedChanges = Year.Count(d => d.Alert is { IsReminder: false, Previous: not null });
        Assert.Equal(14, rawChanges);
        Assert.Equal(8, announcedChanges);
    }

    [Fact]
    public void When_a_bad_status_persists_should_remind_every_seven_days_counting_from_the_last_alert()
    {
        var alerts = Year.Select(d => d.Alert).OfType<TargetStatusChanged>().ToList();

        foreach (var (previous, reminder) in alerts.Zip(alerts.Skip(1)).Where(p => p.Second.IsReminder))
        {
            Assert.Equal(TimeSpan.FromDays(7), reminder.EvaluatedAt - previous.EvaluatedAt);
            Assert.Contains(reminder.Current, new[] { TargetStatus.AtRisk, TargetStatus.OffTrack });
        }

        Assert.Equal(19 + 2 + 13 + 1 + 5, alerts.Count(a => a.IsReminder)); // winter and spring, May, summer to October, late October, November
    }

    [Fact]
    public void When_alerts_are_raised_over_the_year_should_give_each_its_own_id()
    {
        var ids = Year.Select(d => d.Alert).OfType<TargetStatusChanged>().Select(a => a.AlertId).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void When_the_summer_lull_turns_the_target_off_track_should_tell_the_leaders_the_pace_now_required()
    {
        var alert = Year.Single(d => d.On == new DateOnly(2024, 7, 13)).Alert!;

        // 47 employers still needed, 13 July to 31 December is 171 days: 47 × 7 / 171 ≈ 1.9 a week.
        Assert.Contains("已走访 53 家，目标 100 家；按进度此时应达 53.3 家。还需走访 47 家，剩余 171 天，约每周 1.9 家。", alert.Summary, StringComparison.Ordinal);
        Assert.Equal(1.9m, alert.RequiredPerWeek);
    }

    [Fact]
    public void When_the_year_ends_should_count_each_employer_once_and_every_position()
    {
        var last = Year[^1];
        var m = VisitMeasurements.Build(Target, Visits(), [])[ScopeKeys.Institution];

        Assert.Equal(TargetStatus.Met, last.Announced);
        Assert.Equal(102m, last.Assessment.Actual);
        Assert.Equal(Visits().Sum(v => v.PositionsOpened), m.PositionsOpened);
    }
}
