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

    private static AlertDecision Decide(AlertState? state, Assessment a, DateTimeOffset now, AlertSettings? settings = null) =>
        AlertPolicy.Decide(TargetId, Scope, state, a, settings ?? AlertSettings.Default, now);

    /// <summary>The state after a first evaluation found <paramref name="status"/>.</summary>
    private static AlertState Start(TargetStatus status) => Decide(null, Assessed(status), T0).State;

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
    public void When_the_status_changes_should_raise_one_alert_with_previous_and_current()
    {
        var d = Decide(Start(TargetStatus.OnTrack), Assessed(TargetStatus.AtRisk), T0.AddDays(1));

        Assert.True(d.Announce);
        Assert.Equal(TargetStatus.OnTrack, d.Previous);
        Assert.Equal(TargetStatus.AtRisk, d.State.Status);
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
            var d = Decide(state, Assessed(raw[day], TargetStatus.OffTrack), T0.AddHours(day + 1));
            Assert.False(d.Announce);
            Assert.Equal(TargetStatus.OffTrack, d.State.Status);
            state = d.State;
        }

        var cleared = Decide(state, Assessed(TargetStatus.AtRisk, TargetStatus.AtRisk), T0.AddHours(12));

        Assert.True(cleared.Announce);
        Assert.Equal(TargetStatus.OffTrack, cleared.Previous);
        Assert.Equal(TargetStatus.AtRisk, cleared.State.Status);
        Assert.Equal(2, cleared.State.Transitions);
    }

    [Fact]
    public void When_the_value_jumps_above_expected_but_clears_only_the_lower_boundary_should_improve_one_step()
    {
        var d = Decide(Start(TargetStatus.OffTrack), Assessed(TargetStatus.OnTrack, TargetStatus.AtRisk), T0.AddDays(1));

        Assert.True(d.Announce);
        Assert.Equal(TargetStatus.AtRisk, d.State.Status);
    }

    [Fact]
    public void When_a_status_gets_worse_should_apply_it_without_waiting_for_a_margin()
    {
        var d = Decide(Start(TargetStatus.AtRisk), Assessed(TargetStatus.OffTrack, TargetStatus.OffTrack), T0.AddDays(1));

        Assert.True(d.Announce);
        Assert.Equal(TargetStatus.OffTrack, d.State.Status);
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
    public void When_a_bad_status_persists_should_remind_at_the_configured_interval(TargetStatus status)
    {
        var state = Start(status);

        var day6 = Decide(state, Assessed(status), T0.AddDays(6));
        var day7 = Decide(day6.State, Assessed(status), T0.AddDays(7));
        var day13 = Decide(day7.State, Assessed(status), T0.AddDays(13));
        var day14 = Decide(day13.State, Assessed(status), T0.AddDays(14));

        Assert.False(day6.Announce);
        Assert.True(day7.Announce);
        Assert.True(day7.IsReminder);
        Assert.Equal(status, day7.Previous);
        Assert.Equal(1, day7.State.Reminders);
        Assert.Equal(1, day7.State.Transitions);
        Assert.False(day13.Announce);
        Assert.True(day14.IsReminder);
        Assert.Equal(2, day14.State.Reminders);
        Assert.Equal(1, day14.State.Transitions);
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
        state = Decide(state, Assessed(TargetStatus.OffTrack), T0.AddDays(7)).State;

        var d = Decide(state, Assessed(TargetStatus.AtRisk, TargetStatus.AtRisk), T0.AddDays(8));

        Assert.Equal(0, d.State.Reminders);
        Assert.Equal(2, d.State.Transitions);
        Assert.False(Decide(d.State, Assessed(TargetStatus.AtRisk), T0.AddDays(14)).Announce);
        Assert.True(Decide(d.State, Assessed(TargetStatus.AtRisk), T0.AddDays(15)).IsReminder);
    }

    [Fact]
    public void When_an_off_track_target_recovers_should_announce_the_recovery_as_information()
    {
        var d = Decide(Start(TargetStatus.OffTrack), Assessed(TargetStatus.OnTrack, TargetStatus.OnTrack), T0.AddDays(3));

        Assert.True(d.Announce);
        Assert.False(d.IsReminder);
        Assert.Equal(TargetStatus.OffTrack, d.Previous);
        Assert.Equal(TargetStatus.OnTrack, d.State.Status);
        Assert.Equal(AlertSeverity.Info, AlertPolicy.Severity(d.State.Status, smallGroup: false));
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
            (0, TargetStatus.OnTrack, TargetStatus.OnTrack), (1, TargetStatus.AtRisk, TargetStatus.AtRisk), (8, TargetStatus.AtRisk, TargetStatus.AtRisk),
            (9, TargetStatus.OffTrack, TargetStatus.OffTrack), (16, TargetStatus.OffTrack, TargetStatus.OffTrack),
            (23, TargetStatus.OffTrack, TargetStatus.OffTrack), (24, TargetStatus.OnTrack, TargetStatus.OnTrack),
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

        Assert.Equal(6, ids.Count);
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
        var decision = Decide(Start(from), Assessed(to), T0.AddDays(1));

        Assert.True(decision.Announce);
        Assert.Equal(improvement, AlertPolicy.IsImprovement(decision));
    }

    [Fact]
    public void When_a_first_look_finds_the_target_met_should_be_good_news_and_a_reminder_never()
    {
        var met = Decide(null, Assessed(TargetStatus.Met), T0);
        var reminder = Decide(Start(TargetStatus.AtRisk), Assessed(TargetStatus.AtRisk), T0.AddDays(7));

        Assert.True(AlertPolicy.IsImprovement(met));
        Assert.True(reminder.IsReminder);
        Assert.False(AlertPolicy.IsImprovement(reminder));
    }
}
