using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Alerts;
using Monitor.Worker.Targets;

namespace Monitor.Tests.Alerts;

public class AlertPolicySpecs
{
    private const string TargetId = "leadership-visits-2024";
    private const string Scope = "tjqg";

    // 08:30 in Tianjin on 1 July 2024.
    private static readonly DateTimeOffset T0 = new(2024, 7, 1, 0, 30, 0, TimeSpan.Zero);

    private static Assessment Assessed(TargetStatus status, TargetStatus? withMargin = null, bool smallGroup = false) =>
        new(status, withMargin ?? status, 45m, null, null, 100m, 50m, null, null, null, 55m, 2.1m, 183, TestTargets.YearEnd, new DateOnly(2024, 7, 1), smallGroup, 3);

    /// <summary>A placement rate on or after its measurement date: its measured figures, provisional or final.</summary>
    private static Assessment Measured(TargetStatus status, int placed, bool final) =>
        new(status, status, Math.Round(placed * 100m / 1000, 2), placed, 1000, 95m, null, null, null, null, null, null, null, new DateOnly(2024, 8, 31), new DateOnly(2024, 9, 1), false, null)
        {
            AsOf = new DateOnly(2024, 8, 31),
            IsFinal = final,
            CurrentActual = Math.Round(placed * 100m / 1000, 2),
            CurrentNumerator = placed,
            CurrentDenominator = 1000,
        };

    private static readonly AlertSettings NoDwell = AlertSettings.Default with { MinimumDwell = TimeSpan.Zero, RecoveryDwell = TimeSpan.Zero };

    private static AlertDecision Decide(AlertState? state, Assessment a, DateTimeOffset now, AlertSettings? settings = null, string scope = Scope) =>
        AlertPolicy.Decide(TargetId, scope, state, a, settings ?? AlertSettings.Default, now);

    /// <summary>The state after a first evaluation found <paramref name="status"/>.</summary>
    private static AlertState Start(TargetStatus status, string scope = Scope) => Decide(null, Assessed(status), T0, scope: scope).State;

    /// <summary>Evaluates the same assessment once a day from <paramref name="firstDay"/> to <paramref name="lastDay"/> after T0.</summary>
    private static List<AlertDecision> Daily(AlertState state, Assessment a, int firstDay, int lastDay, AlertSettings? settings = null, string scope = Scope)
    {
        var decisions = new List<AlertDecision>();
        for (var day = firstDay; day <= lastDay; day++)
        {
            var d = Decide(state, a, T0.AddDays(day), settings, scope);
            decisions.Add(d);
            state = d.State;
        }

        return decisions;
    }

    [Theory]
    [InlineData(TargetStatus.Pending)]
    [InlineData(TargetStatus.OnTrack)]
    public void When_a_first_evaluation_finds_nothing_wrong_should_stay_quiet(TargetStatus status)
    {
        var d = Decide(null, Assessed(status), T0);

        Assert.False(d.Announce);
        Assert.Equal(status, d.State.Status);
        Assert.Equal(0, d.State.Transitions);
        Assert.Null(d.State.LastNotifiedAt);
    }

    [Theory]
    [InlineData(TargetStatus.AtRisk)]
    [InlineData(TargetStatus.OffTrack)]
    [InlineData(TargetStatus.NoData)]
    [InlineData(TargetStatus.Met)]
    [InlineData(TargetStatus.Missed)]
    public void When_a_first_evaluation_finds_anything_else_should_announce_it_without_a_previous_status(TargetStatus status)
    {
        var d = Decide(null, Assessed(status), T0);

        Assert.True(d.Announce);
        Assert.Null(d.Previous);
        Assert.False(d.IsReminder);
        Assert.Equal(status, d.State.Status);
        Assert.Equal(1, d.State.Transitions);
        Assert.Equal(T0, d.State.LastNotifiedAt);
    }

    [Fact]
    public void When_the_status_changes_outside_the_pace_statuses_should_raise_one_alert_at_once_with_previous_and_current()
    {
        var d = Decide(Start(TargetStatus.OnTrack), Assessed(TargetStatus.NoData), T0.AddDays(1));

        Assert.True(d.Announce);
        Assert.Equal(TargetStatus.OnTrack, d.Previous);
        Assert.Equal(TargetStatus.NoData, d.State.Status);
        Assert.Equal(1, d.State.Transitions);
        Assert.Equal(T0.AddDays(1), d.State.StatusSince);
    }

    [Fact]
    public void When_the_same_status_is_found_again_should_raise_nothing()
    {
        var state = Start(TargetStatus.AtRisk);

        var d = Decide(state, Assessed(TargetStatus.AtRisk), T0.AddDays(1));

        Assert.False(d.Announce);
        Assert.Equal(state.Transitions, d.State.Transitions);
        Assert.Equal(state.Version + 1, d.State.Version);
    }

    [Fact]
    public void When_a_pending_target_starts_on_track_should_record_it_silently()
    {
        var d = Decide(Start(TargetStatus.Pending), Assessed(TargetStatus.OnTrack), T0.AddDays(1));

        Assert.False(d.Announce);
        Assert.Equal(TargetStatus.OnTrack, d.State.Status);
        Assert.Equal(0, d.State.Transitions);
    }

    [Fact]
    public void When_an_off_track_value_hovers_at_the_band_boundary_should_not_flap()
    {
        // Raw status crosses into AtRisk and back; it never clears the boundary by the recovery margin.
        TargetStatus[] raw = [TargetStatus.AtRisk, TargetStatus.OffTrack, TargetStatus.AtRisk, TargetStatus.AtRisk, TargetStatus.OffTrack, TargetStatus.AtRisk];
        var state = Start(TargetStatus.OffTrack);
        for (var day = 0; day < raw.Length; day++)
        {
            var d = Decide(state, Assessed(raw[day], TargetStatus.OffTrack), T0.AddDays(day + 1));
            Assert.False(d.Announce);
            Assert.Equal(TargetStatus.OffTrack, d.State.Status);
            Assert.Null(d.State.CandidateStatus);
            state = d.State;
        }

        // Cleared by the margin from day 7: announced once it has held the recovery dwell (7 days).
        var cleared = Daily(state, Assessed(TargetStatus.AtRisk, TargetStatus.AtRisk), 7, 14);

        Assert.All(cleared.SkipLast(1), d => Assert.False(d.Announce));
        Assert.True(cleared[^1].Announce);
        Assert.Equal(TargetStatus.OffTrack, cleared[^1].Previous);
        Assert.Equal(TargetStatus.AtRisk, cleared[^1].State.Status);
        Assert.Equal(2, cleared[^1].State.Transitions);
    }

    [Fact]
    public void When_the_value_jumps_above_expected_but_clears_only_the_lower_boundary_should_improve_one_step()
    {
        var days = Daily(Start(TargetStatus.OffTrack), Assessed(TargetStatus.OnTrack, TargetStatus.AtRisk), 1, 8);

        Assert.Equal(TargetStatus.AtRisk, days[0].State.CandidateStatus);
        Assert.True(days[^1].Announce);
        Assert.Equal(TargetStatus.AtRisk, days[^1].State.Status);
    }

    [Fact]
    public void When_a_status_gets_worse_should_announce_it_once_it_has_held_the_minimum_dwell_without_waiting_for_a_margin()
    {
        var days = Daily(Start(TargetStatus.AtRisk), Assessed(TargetStatus.OffTrack, TargetStatus.OffTrack), 1, 4);

        Assert.All(days.Take(3), d => Assert.False(d.Announce)); // 1, 2 and 3 July: under the default 3 days
        Assert.True(days[3].Announce);
        Assert.Equal(TargetStatus.AtRisk, days[3].Previous);
        Assert.Equal(TargetStatus.OffTrack, days[3].State.Status);
        Assert.Equal(T0.AddDays(4), days[3].State.StatusSince);
    }

    [Fact]
    public void When_a_recovery_relapses_before_its_dwell_should_start_the_recovery_dwell_again()
    {
        var better = Daily(Start(TargetStatus.OffTrack), Assessed(TargetStatus.OnTrack), 1, 5);
        var relapse = Decide(better[^1].State, Assessed(TargetStatus.OffTrack), T0.AddDays(6));
        var betterAgain = Daily(relapse.State, Assessed(TargetStatus.OnTrack), 7, 14);

        Assert.All(better, d => Assert.False(d.Announce));
        Assert.False(relapse.Announce);
        Assert.Null(relapse.State.CandidateStatus);
        Assert.All(betterAgain.Take(7), d => Assert.False(d.Announce)); // 7 to 13 July: under 7 days since the 7th
        Assert.True(betterAgain[^1].Announce);
        Assert.Equal(TargetStatus.OnTrack, betterAgain[^1].State.Status);
    }

    [Fact]
    public void When_a_minimum_dwell_is_set_should_announce_a_worse_status_only_once_it_has_held_that_long()
    {
        var settings = AlertSettings.Default with { MinimumDwell = TimeSpan.FromDays(2) };
        var state = Decide(null, Assessed(TargetStatus.OnTrack), T0, settings).State;

        var first = Decide(state, Assessed(TargetStatus.OffTrack), T0.AddDays(1), settings);
        var second = Decide(first.State, Assessed(TargetStatus.OffTrack), T0.AddDays(2), settings);
        var third = Decide(second.State, Assessed(TargetStatus.OffTrack), T0.AddDays(3), settings);

        Assert.False(first.Announce);
        Assert.Equal(TargetStatus.OffTrack, first.State.CandidateStatus);
        Assert.Equal(TargetStatus.OnTrack, first.State.Status);
        Assert.False(second.Announce);
        Assert.True(third.Announce);
        Assert.Equal(TargetStatus.OnTrack, third.Previous);
        Assert.Equal(TargetStatus.OffTrack, third.State.Status);
        Assert.Null(third.State.CandidateStatus);
    }

    [Fact]
    public void When_a_worse_condition_clears_before_the_dwell_should_start_the_dwell_again_next_time()
    {
        var settings = AlertSettings.Default with { MinimumDwell = TimeSpan.FromDays(2) };
        var state = Decide(null, Assessed(TargetStatus.OnTrack), T0, settings).State;

        var worse = Decide(state, Assessed(TargetStatus.AtRisk), T0.AddDays(1), settings);
        var better = Decide(worse.State, Assessed(TargetStatus.OnTrack), T0.AddDays(2), settings);
        var worseAgain = Decide(better.State, Assessed(TargetStatus.AtRisk), T0.AddDays(3), settings);
        var held = Decide(worseAgain.State, Assessed(TargetStatus.AtRisk), T0.AddDays(4), settings);

        Assert.Null(better.State.CandidateStatus);
        Assert.False(worseAgain.Announce);
        Assert.False(held.Announce); // only one day since it turned worse again
        Assert.True(Decide(held.State, Assessed(TargetStatus.AtRisk), T0.AddDays(5), settings).Announce);
    }

    [Theory]
    [InlineData(TargetStatus.AtRisk)]
    [InlineData(TargetStatus.OffTrack)]
    [InlineData(TargetStatus.NoData)]
    public void When_a_bad_status_persists_in_the_institution_should_remind_every_four_weeks(TargetStatus status)
    {
        var state = Start(status);

        var day27 = Decide(state, Assessed(status), T0.AddDays(27));
        var day28 = Decide(day27.State, Assessed(status), T0.AddDays(28));
        var day55 = Decide(day28.State, Assessed(status), T0.AddDays(55));
        var day56 = Decide(day55.State, Assessed(status), T0.AddDays(56));

        Assert.False(day27.Announce);
        Assert.True(day28.Announce);
        Assert.True(day28.IsReminder);
        Assert.Equal(status, day28.Previous);
        Assert.Equal(1, day28.State.Reminders);
        Assert.Equal(1, day28.State.Transitions);
        Assert.False(day55.Announce);
        Assert.True(day56.IsReminder);
        Assert.Equal(2, day56.State.Reminders);
        Assert.Equal(1, day56.State.Transitions);
    }

    [Fact]
    public void When_a_bad_status_persists_in_a_unit_should_remind_only_if_units_are_reminded_too()
    {
        const string unit = "tjqg/JX";
        var first = Decide(null, Assessed(TargetStatus.OffTrack), T0, scope: unit);

        var byDefault = Daily(first.State, Assessed(TargetStatus.OffTrack), 1, 60, scope: unit);
        var remindUnits = Daily(first.State, Assessed(TargetStatus.OffTrack), 1, 28, AlertSettings.Default with { RemindUnits = true }, unit);

        Assert.True(first.Announce);
        Assert.All(byDefault, d => Assert.False(d.Announce));
        Assert.True(remindUnits[^1].IsReminder);
    }

    [Theory]
    [InlineData(TargetStatus.Met)]
    [InlineData(TargetStatus.Missed)]
    [InlineData(TargetStatus.OnTrack)]
    public void When_a_final_or_good_status_persists_should_never_remind(TargetStatus status)
    {
        var state = Start(status);
        for (var day = 1; day <= 60; day++)
        {
            var d = Decide(state, Assessed(status), T0.AddDays(day));
            Assert.False(d.Announce);
            state = d.State;
        }
    }

    [Fact]
    public void When_reminders_are_turned_off_should_not_remind()
    {
        var settings = AlertSettings.Default with { RemindEvery = TimeSpan.Zero };
        var state = Decide(null, Assessed(TargetStatus.OffTrack), T0, settings).State;

        Assert.False(Decide(state, Assessed(TargetStatus.OffTrack), T0.AddDays(30), settings).Announce);
    }

    [Fact]
    public void When_a_status_changes_after_reminders_should_reset_the_reminder_count()
    {
        var state = Start(TargetStatus.OffTrack);
        state = Decide(state, Assessed(TargetStatus.OffTrack), T0.AddDays(28)).State;

        var recovery = Daily(state, Assessed(TargetStatus.AtRisk, TargetStatus.AtRisk), 29, 36)[^1];

        Assert.True(recovery.Announce);
        Assert.Equal(0, recovery.State.Reminders);
        Assert.Equal(2, recovery.State.Transitions);
        Assert.False(Decide(recovery.State, Assessed(TargetStatus.AtRisk), T0.AddDays(63)).Announce);
        Assert.True(Decide(recovery.State, Assessed(TargetStatus.AtRisk), T0.AddDays(64)).IsReminder);
    }

    [Theory]
    [InlineData(Scope)]
    [InlineData("tjqg/JX")]
    public void When_an_off_track_scope_recovers_should_announce_the_recovery_as_information_once_it_has_held(string scope)
    {
        var days = Daily(Start(TargetStatus.OffTrack, scope), Assessed(TargetStatus.OnTrack, TargetStatus.OnTrack), 1, 8, scope: scope);
        var d = days[^1];

        Assert.All(days.SkipLast(1), early => Assert.False(early.Announce));
        Assert.True(d.Announce);
        Assert.False(d.IsReminder);
        Assert.Equal(TargetStatus.OffTrack, d.Previous);
        Assert.Equal(TargetStatus.OnTrack, d.State.Status);
        Assert.Equal(AlertSeverity.Info, AlertPolicy.Severity(d.State.Status, smallGroup: false));
    }

    [Fact]
    public void When_a_unit_has_good_news_but_no_recovery_should_record_it_silently()
    {
        const string unit = "tjqg/JX";

        var firstLookMet = Decide(null, Assessed(TargetStatus.Met), T0, scope: unit);
        var metFromOnTrack = Decide(Start(TargetStatus.OnTrack, unit), Assessed(TargetStatus.Met), T0.AddDays(1), scope: unit);
        var institutionMet = Decide(Start(TargetStatus.OnTrack), Assessed(TargetStatus.Met), T0.AddDays(1));

        Assert.False(firstLookMet.Announce);
        Assert.Equal((TargetStatus.Met, 0), (firstLookMet.State.Status, firstLookMet.State.Transitions));
        Assert.False(metFromOnTrack.Announce);
        Assert.Equal((TargetStatus.Met, 0), (metFromOnTrack.State.Status, metFromOnTrack.State.Transitions));
        Assert.True(institutionMet.Announce);
    }

    [Fact]
    public void When_the_books_of_a_measured_rate_close_should_announce_the_final_verdict_to_the_institution_and_freeze_its_figures()
    {
        var provisional = Decide(null, Measured(TargetStatus.Met, 951, final: false), T0);
        var closedAt = T0.AddDays(14);

        var closing = Decide(provisional.State, Measured(TargetStatus.Met, 951, final: true), closedAt);
        var later = Decide(closing.State, Measured(TargetStatus.Met, 951, final: true), closedAt.AddDays(1));

        Assert.True(provisional.Announce);
        Assert.False(provisional.IsFinalNotice);
        Assert.Null(provisional.State.Final);
        Assert.True(closing.Announce);
        Assert.True(closing.IsFinalNotice);
        Assert.Equal(new FinalFigures(951, 1000, 95.1m, closedAt), closing.State.Final);
        Assert.False(later.Announce);
        Assert.Equal(closing.State.Final, later.State.Final);
    }

    [Theory]
    [InlineData(940, TargetStatus.Missed, false)] // the provisional alert already said it, with the same figures
    [InlineData(951, TargetStatus.Met, true)] // late reports effective by the measurement date turned the verdict
    public void When_the_books_of_a_unit_close_should_announce_only_a_changed_verdict_or_changed_figures(int finalPlaced, TargetStatus finalStatus, bool announced)
    {
        const string unit = "tjqg/JX";
        var provisional = Decide(null, Measured(TargetStatus.Missed, 940, final: false), T0, scope: unit);

        var closing = Decide(provisional.State, Measured(finalStatus, finalPlaced, final: true), T0.AddDays(14), scope: unit);

        Assert.True(provisional.Announce);
        Assert.Equal(announced, closing.Announce);
        Assert.Equal(announced, closing.IsFinalNotice);
        Assert.Equal(finalStatus, closing.State.Status);
        Assert.NotNull(closing.State.Final);
    }

    [Fact]
    public void When_a_target_is_met_from_a_bad_status_should_announce_it_at_once()
    {
        var d = Decide(Start(TargetStatus.OffTrack), Assessed(TargetStatus.Met, TargetStatus.Met), T0.AddDays(1));

        Assert.True(d.Announce);
        Assert.Equal(TargetStatus.Met, d.State.Status);
    }

    [Theory]
    [InlineData(TargetStatus.Pending, AlertSeverity.Info)]
    [InlineData(TargetStatus.OnTrack, AlertSeverity.Info)]
    [InlineData(TargetStatus.Met, AlertSeverity.Info)]
    [InlineData(TargetStatus.AtRisk, AlertSeverity.Warning)]
    [InlineData(TargetStatus.NoData, AlertSeverity.Warning)]
    [InlineData(TargetStatus.OffTrack, AlertSeverity.Critical)]
    [InlineData(TargetStatus.Missed, AlertSeverity.Critical)]
    public void When_an_alert_is_raised_should_grade_its_severity_by_status(TargetStatus status, AlertSeverity severity)
    {
        Assert.Equal(severity, AlertPolicy.Severity(status, smallGroup: false));
    }

    [Theory]
    [InlineData(TargetStatus.AtRisk)]
    [InlineData(TargetStatus.OffTrack)]
    [InlineData(TargetStatus.Missed)]
    [InlineData(TargetStatus.NoData)]
    public void When_a_rate_covers_a_small_group_should_cap_the_severity_at_information(TargetStatus status)
    {
        Assert.Equal(AlertSeverity.Info, AlertPolicy.Severity(status, smallGroup: true));
    }

    [Fact]
    public void When_the_same_alert_is_raised_again_should_get_the_same_id()
    {
        Assert.Equal(AlertIds.For(TargetId, Scope, 2, 1), AlertIds.For(TargetId, Scope, 2, 1));
        Assert.Equal(AlertIds.ForDigest("tjqg", new DateOnly(2024, 7, 1)), AlertIds.ForDigest("tjqg", new DateOnly(2024, 7, 1)));
    }

    [Fact]
    public void When_alerts_differ_in_target_scope_transition_or_reminder_should_get_distinct_ids()
    {
        Guid[] ids =
        [
            AlertIds.For(TargetId, Scope, 1, 0),
            AlertIds.For(TargetId, Scope, 1, 1),
            AlertIds.For(TargetId, Scope, 2, 0),
            AlertIds.For(TargetId, "tjqg/JX", 1, 0),
            AlertIds.For("unit-visits-2024", Scope, 1, 0),
            AlertIds.ForDigest("tjqg", new DateOnly(2024, 7, 1)),
            AlertIds.ForDigest("tjqg", new DateOnly(2024, 7, 2)),
        ];

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void When_a_state_runs_through_changes_and_reminders_should_give_every_announced_alert_its_own_id()
    {
        (int Day, TargetStatus Raw, TargetStatus WithMargin)[] days =
        [
            (0, TargetStatus.OnTrack, TargetStatus.OnTrack), (1, TargetStatus.AtRisk, TargetStatus.AtRisk), (4, TargetStatus.AtRisk, TargetStatus.AtRisk),
            (5, TargetStatus.OffTrack, TargetStatus.OffTrack), (8, TargetStatus.OffTrack, TargetStatus.OffTrack),
            (36, TargetStatus.OffTrack, TargetStatus.OffTrack), (64, TargetStatus.OffTrack, TargetStatus.OffTrack),
            (65, TargetStatus.OnTrack, TargetStatus.OnTrack), (72, TargetStatus.OnTrack, TargetStatus.OnTrack),
        ];
        AlertState? state = null;
        var ids = new List<Guid>();
        foreach (var (day, raw, withMargin) in days)
        {
            var d = Decide(state, Assessed(raw, withMargin), T0.AddDays(day));
            if (d.Announce)
            {
                ids.Add(AlertIds.For(TargetId, Scope, d.State.Transitions, d.State.Reminders));
            }

            state = d.State;
        }

        Assert.Equal(5, ids.Count); // AtRisk and OffTrack after their dwell, two reminders, the recovery after its dwell
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(8, ids[0].ToByteArray(bigEndian: true)[6] >> 4); // an RFC 9562 version-8 Guid
    }

    [Theory]
    [InlineData(TargetStatus.OffTrack, TargetStatus.AtRisk, true)] // a step up between pace statuses
    [InlineData(TargetStatus.AtRisk, TargetStatus.OnTrack, true)]
    [InlineData(TargetStatus.OnTrack, TargetStatus.Met, true)]
    [InlineData(TargetStatus.OffTrack, TargetStatus.NoData, false)] // the feed stopped: bad news, though NoData ranks lower
    [InlineData(TargetStatus.AtRisk, TargetStatus.NoData, false)]
    [InlineData(TargetStatus.OffTrack, TargetStatus.Missed, false)]
    [InlineData(TargetStatus.OnTrack, TargetStatus.OffTrack, false)]
    public void When_a_change_is_announced_should_tell_good_news_from_bad(TargetStatus from, TargetStatus to, bool improvement)
    {
        var decision = Decide(Start(from), Assessed(to), T0.AddDays(1), NoDwell);

        Assert.True(decision.Announce);
        Assert.Equal(improvement, AlertPolicy.IsImprovement(decision));
    }

    [Fact]
    public void When_a_first_look_finds_the_target_met_should_be_good_news_and_a_reminder_never()
    {
        var met = Decide(null, Assessed(TargetStatus.Met), T0);
        var reminder = Decide(Start(TargetStatus.AtRisk), Assessed(TargetStatus.AtRisk), T0.AddDays(28));

        Assert.True(AlertPolicy.IsImprovement(met));
        Assert.True(reminder.IsReminder);
        Assert.False(AlertPolicy.IsImprovement(reminder));
    }
}
