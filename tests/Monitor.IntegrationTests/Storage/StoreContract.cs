using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Monitor.Messages;
using Monitor.Worker.Visits;
using Monitor.Worker.Placement;
using Monitor.Worker.Alerts;
using Monitor.Worker.Inbound;

namespace Monitor.IntegrationTests.Storage;

/// <summary>
/// What every store promises, run against each implementation. Every test uses ids of its own, so tests sharing one
/// store (one PostgreSQL database per class) see the same results as on a fresh store.
/// </summary>
public abstract partial class StoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateOnly FirstDay = new(2024, 1, 1);
    private static readonly DateOnly LastDay = new(2024, 12, 31);

    // Producers send local times (Asia/Shanghai); the stores must keep the instant.
    private static readonly DateTimeOffset ReceivedAt = new(2024, 5, 6, 9, 30, 0, TimeSpan.FromHours(8));

    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    protected StoreContract(Func<TimeProvider, Stores> createStores)
    {
        ArgumentNullException.ThrowIfNull(createStores);
        (Visits, Placement, Alerts) = createStores(Clock);
    }

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2024, 5, 6, 1, 0, 0, TimeSpan.Zero));

    protected IVisitStore Visits { get; }

    protected IPlacementStore Placement { get; }

    protected IAlertStore Alerts { get; }

    protected string Institution => $"tjlivtc-{run}";

    private string OtherInstitution => $"other-{run}";

    private string TargetId => $"leadership-visits-{run}";

    // ---------- visits ----------

    [Fact]
    public async Task When_a_visit_is_redelivered_should_be_a_duplicate_and_count_once()
    {
        var visit = Visit("v1", new DateOnly(2024, 3, 15));

        Assert.Equal(StoreOutcome.Accepted, await RecordAsync(visit));
        Assert.Equal(StoreOutcome.Duplicate, await RecordAsync(visit));

        var active = Assert.Single(await ActiveVisitsAsync());
        Assert.Equal(
            new VisitFact(visit.VisitId, VisitTier.Unit, "U01", "天津渤化化工发展有限公司", "91120116MA06A1B2C3", new DateOnly(2024, 3, 15), 3),
            active);
    }

    [Fact]
    public async Task When_a_visit_id_is_reused_with_other_content_should_be_a_conflict_and_keep_the_first_version()
    {
        var first = Visit("v1", new DateOnly(2024, 3, 15));
        await RecordAsync(first);

        var outcome = await RecordAsync(first with { EmployerName = "另一家公司", PositionsOpened = 30 });

        Assert.Equal(StoreOutcome.Conflict, outcome);
        var kept = Assert.Single(await ActiveVisitsAsync());
        Assert.Equal(("天津渤化化工发展有限公司", 3), (kept.EmployerName, kept.PositionsOpened));
    }

    [Fact]
    public async Task When_a_visit_is_cancelled_should_no_longer_be_active()
    {
        var cancelled = Visit("v1", new DateOnly(2024, 3, 15));
        var kept = Visit("v2", new DateOnly(2024, 3, 16));
        await RecordAsync(cancelled);
        await RecordAsync(kept);

        var outcome = await CancelAsync(cancelled.VisitId, Institution);

        Assert.Equal(StoreOutcome.Accepted, outcome);
        Assert.Equal([kept.VisitId], (await ActiveVisitsAsync()).Select(visit => visit.VisitId));
    }

    [Fact]
    public async Task When_a_cancellation_arrives_before_its_visit_should_apply_when_the_visit_arrives()
    {
        var cancelled = Visit("v1", new DateOnly(2024, 3, 15));
        var kept = Visit("v2", new DateOnly(2024, 3, 16));

        Assert.Equal(StoreOutcome.Accepted, await CancelAsync(cancelled.VisitId, Institution));
        Assert.Equal(StoreOutcome.Accepted, await RecordAsync(cancelled));
        await RecordAsync(kept);

        Assert.Equal([kept.VisitId], (await ActiveVisitsAsync()).Select(visit => visit.VisitId));
    }

    [Fact]
    public async Task When_a_cancellation_is_repeated_should_be_a_duplicate()
    {
        var visit = Visit("v1", new DateOnly(2024, 3, 15));
        await RecordAsync(visit);
        await CancelAsync(visit.VisitId, Institution);

        var outcome = await Visits.CancelVisitAsync(new EnterpriseVisitCancelled(visit.VisitId, Institution, "重复提交"), ReceivedAt, None);

        Assert.Equal(StoreOutcome.Duplicate, outcome);
        Assert.Empty(await ActiveVisitsAsync());
    }

    [Fact]
    public async Task When_a_cancellation_comes_from_another_institution_should_be_its_own_and_leave_the_visit_active()
    {
        var visit = Visit("v1", new DateOnly(2024, 3, 15));
        await RecordAsync(visit);

        // Ids are the producers' and unique within an institution: the other institution cancels its own "v1".
        Assert.Equal(StoreOutcome.Accepted, await CancelAsync(visit.VisitId, OtherInstitution));

        Assert.Single(await ActiveVisitsAsync());
        Assert.Equal(StoreOutcome.Accepted, await CancelAsync(visit.VisitId, Institution));
        Assert.Empty(await ActiveVisitsAsync());
    }

    [Fact]
    public async Task When_an_early_cancellation_comes_from_another_institution_should_not_cancel_the_visit()
    {
        var visit = Visit("v1", new DateOnly(2024, 3, 15));

        await CancelAsync(visit.VisitId, OtherInstitution);
        await RecordAsync(visit);

        Assert.Equal([visit.VisitId], (await ActiveVisitsAsync()).Select(active => active.VisitId));
    }

    [Fact]
    public async Task When_two_institutions_use_the_same_visit_and_report_ids_should_accept_both()
    {
        var ours = Visit("v1", new DateOnly(2024, 3, 15));
        var theirs = ours with { InstitutionId = OtherInstitution, EmployerName = "另一家公司", PositionsOpened = 30 };
        await RegisterAsync(Graduate("g1", "U01"));
        var ourReport = Report("r1", "g1", Destination.ContractEmployment, new DateOnly(2024, 6, 1));

        Assert.Equal(StoreOutcome.Accepted, await RecordAsync(ours));
        Assert.Equal(StoreOutcome.Accepted, await RecordAsync(theirs));
        Assert.Equal(StoreOutcome.Accepted, await ReportAsync(ourReport));
        Assert.Equal(StoreOutcome.Accepted, await ReportAsync(ourReport with { InstitutionId = OtherInstitution, Destination = Destination.Unplaced }));

        var kept = Assert.Single(await ActiveVisitsAsync());
        var other = Assert.Single(await Visits.GetActiveVisitsAsync(OtherInstitution, FirstDay, LastDay, None));
        Assert.Equal(("天津渤化化工发展有限公司", 3), (kept.EmployerName, kept.PositionsOpened));
        Assert.Equal(("另一家公司", 30), (other.EmployerName, other.PositionsOpened));
        Assert.Equal(Destination.ContractEmployment, Assert.Single((await Placement.GetCohortAsync(Institution, 2024, None)).Reports).Destination);

        // Within one institution the rule stands: the same id with other content is a conflict.
        Assert.Equal(StoreOutcome.Conflict, await RecordAsync(theirs with { PositionsOpened = 31 }));
    }

    [Fact]
    public async Task When_active_visits_are_read_should_give_the_institutions_own_within_the_inclusive_range_in_date_then_id_order()
    {
        var onFirstDay = Visit("jan-1", FirstDay);
        var onLastDay = Visit("dec-31", LastDay);
        var midYearUpper = Visit("jun-B", new DateOnly(2024, 6, 1));
        var midYearLower = Visit("jun-a", new DateOnly(2024, 6, 1));
        foreach (var visit in new[] { onLastDay, midYearLower, onFirstDay, midYearUpper })
        {
            await RecordAsync(visit);
        }

        await RecordAsync(Visit("dec-31-2023", FirstDay.AddDays(-1)));
        await RecordAsync(Visit("jan-1-2025", LastDay.AddDays(1)));
        await RecordAsync(Visit("other", new DateOnly(2024, 6, 1)) with { InstitutionId = OtherInstitution });

        var active = await ActiveVisitsAsync();

        // Ids in ordinal order ("B" before "a"), the same in every store whatever the database collation.
        Assert.Equal(
            [onFirstDay.VisitId, midYearUpper.VisitId, midYearLower.VisitId, onLastDay.VisitId],
            active.Select(visit => visit.VisitId));
    }

    // ---------- graduates and destinations ----------

    [Fact]
    public async Task When_a_registration_is_redelivered_should_be_a_duplicate_and_put_the_graduate_on_the_roster_once()
    {
        var graduate = Graduate("g1", "U01", "LowIncome");

        Assert.Equal(StoreOutcome.Accepted, await RegisterAsync(graduate));
        Assert.Equal(StoreOutcome.Duplicate, await RegisterAsync(graduate));

        var cohort = await CohortAsync();
        Assert.Equal(graduate.GraduateId, Assert.Single(cohort.Graduates).GraduateId);
    }

    [Fact]
    public async Task When_a_graduate_id_is_reused_with_other_content_should_be_a_conflict_and_keep_the_first_registration()
    {
        var first = Graduate("g1", "U01", "LowIncome", "Disability");
        await RegisterAsync(first);

        var otherUnit = await RegisterAsync(Graduate("g1", "U02", "LowIncome"));
        var notDisadvantaged = await RegisterAsync(Graduate("g1", "U01"));

        Assert.Equal((StoreOutcome.Conflict, StoreOutcome.Conflict), (otherUnit, notDisadvantaged));
        var kept = Assert.Single((await CohortAsync()).Graduates);
        Assert.Equal(("U01", true), (kept.UnitCode, kept.Disadvantaged));
    }

    [Fact]
    public async Task When_a_registration_is_resent_with_other_categories_or_major_should_be_a_duplicate_since_only_the_unit_and_the_flag_are_kept()
    {
        await RegisterAsync(Graduate("g1", "U01", "LowIncome", "Disability"));

        var outcome = await RegisterAsync(Graduate("g1", "U01", "Other") with { Major = "另一专业" });

        Assert.Equal(StoreOutcome.Duplicate, outcome);
        Assert.Equal(new GraduateFact(Id("g1"), "U01", true), Assert.Single((await CohortAsync()).Graduates));
    }

    [Fact]
    public async Task When_a_reinstatement_arrives_before_or_after_its_withdrawal_should_undo_it_and_be_idempotent()
    {
        await RegisterAsync(Graduate("g1", "U01"));
        await RegisterAsync(Graduate("g2", "U01"));
        await WithdrawAsync(new GraduateWithdrawn(Institution, 2024, Id("g1"), "延期毕业"));
        var reinstated = new GraduateReinstated(Institution, 2024, Id("g1"), "误报延期毕业");

        var first = await ReinstateAsync(reinstated);
        var again = await ReinstateAsync(reinstated);
        var other = await ReinstateAsync(reinstated with { Reason = "另一原因" });

        // g2: the reinstatement arrives before the withdrawal it undoes.
        await ReinstateAsync(new GraduateReinstated(Institution, 2024, Id("g2"), "误报退学"));
        await WithdrawAsync(new GraduateWithdrawn(Institution, 2024, Id("g2"), "退学"));

        Assert.Equal((StoreOutcome.Accepted, StoreOutcome.Duplicate, StoreOutcome.Conflict), (first, again, other));
        var cohort = await CohortAsync();
        Assert.Empty(cohort.WithdrawnGraduateIds);
        Assert.Equal(2, cohort.Graduates.Count);
    }

    [Fact]
    public async Task When_a_cohort_is_purged_should_delete_it_for_one_institution_only_and_say_how_much()
    {
        await RegisterAsync(Graduate("g1", "U01", "LowIncome"));
        await RegisterAsync(Graduate("g2", "U01"));
        await WithdrawAsync(new GraduateWithdrawn(Institution, 2024, Id("g2"), "延期毕业"));
        await ReinstateAsync(new GraduateReinstated(Institution, 2024, Id("g2"), "误报"));
        await ReportAsync(Report("r1", "g1", Destination.ContractEmployment, new DateOnly(2024, 6, 20)));
        await RegisterAsync(Graduate("g1", "U01") with { CohortYear = 2025 });
        await RegisterAsync(Graduate("g1", "U01") with { InstitutionId = OtherInstitution });

        var purged = await Placement.PurgeCohortAsync(Institution, 2024, None);
        var again = await Placement.PurgeCohortAsync(Institution, 2024, None);

        Assert.Equal(new PurgedCohort(2, 1, 1, 1), purged);
        Assert.Equal(new PurgedCohort(0, 0, 0, 0), again);
        var cohort = await CohortAsync();
        Assert.Equal((0, 0, 0), (cohort.Graduates.Count, cohort.WithdrawnGraduateIds.Count, cohort.Reports.Count));
        Assert.Single((await Placement.GetCohortAsync(Institution, 2025, None)).Graduates);
        Assert.Single((await Placement.GetCohortAsync(OtherInstitution, 2024, None)).Graduates);
    }

    [Fact]
    public async Task When_a_withdrawal_is_redelivered_should_be_a_duplicate_and_with_other_content_a_conflict()
    {
        var withdrawal = new GraduateWithdrawn(Institution, 2024, Id("g1"), "延期毕业");

        Assert.Equal(StoreOutcome.Accepted, await WithdrawAsync(withdrawal));
        Assert.Equal(StoreOutcome.Duplicate, await WithdrawAsync(withdrawal));
        Assert.Equal(StoreOutcome.Conflict, await WithdrawAsync(withdrawal with { Reason = "退学" }));

        Assert.Equal([withdrawal.GraduateId], (await CohortAsync()).WithdrawnGraduateIds);
    }

    [Fact]
    public async Task When_a_report_is_redelivered_should_be_a_duplicate_and_a_reused_report_id_a_conflict_keeping_the_first()
    {
        var report = Report("r1", "g1", Destination.ContractEmployment, new DateOnly(2024, 6, 20));

        Assert.Equal(StoreOutcome.Accepted, await ReportAsync(report));
        Assert.Equal(StoreOutcome.Duplicate, await ReportAsync(report));
        Assert.Equal(StoreOutcome.Conflict, await ReportAsync(report with { Destination = Destination.Unplaced }));

        var kept = Assert.Single((await CohortAsync()).Reports);
        Assert.Equal(Destination.ContractEmployment, kept.Destination);
    }

    [Fact]
    public async Task When_cohort_facts_are_read_should_hold_the_roster_the_withdrawals_and_every_report_including_orphans()
    {
        await RegisterAsync(Graduate("g2", "U02"));
        await RegisterAsync(Graduate("g1", "U01", "LowIncome", "Disability"));
        await RegisterAsync(Graduate("g3", "U01"));
        await WithdrawAsync(new GraduateWithdrawn(Institution, 2024, Id("g3"), "延期毕业"));
        await WithdrawAsync(new GraduateWithdrawn(Institution, 2024, Id("g9"), "延期毕业"));
        var employed = Report("r1", "g1", Destination.ContractEmployment, new DateOnly(2024, 6, 20));
        var revoked = Report("r2", "g1", Destination.Unplaced, new DateOnly(2024, 7, 1));
        var orphan = Report("r3", "g7", Destination.FurtherStudy, new DateOnly(2024, 7, 15));
        foreach (var report in new[] { revoked, orphan, employed })
        {
            await ReportAsync(report);
        }

        // Other cohorts and institutions stay out.
        await RegisterAsync(Graduate("g1", "U01") with { CohortYear = 2023 });
        await RegisterAsync(Graduate("g4", "U01") with { InstitutionId = OtherInstitution });
        await ReportAsync(Report("r4", "g2", Destination.Military, new DateOnly(2023, 8, 1)) with { CohortYear = 2023 });
        await ReportAsync(Report("r5", "g2", Destination.Military, new DateOnly(2024, 8, 1)) with { InstitutionId = OtherInstitution });

        var cohort = await CohortAsync();

        Assert.Equal(
            [(Id("g1"), "U01", true), (Id("g2"), "U02", false), (Id("g3"), "U01", false)],
            cohort.Graduates.Select(graduate => (graduate.GraduateId, graduate.UnitCode, graduate.Disadvantaged)));
        Assert.Equal([Id("g3"), Id("g9")], cohort.WithdrawnGraduateIds.Order(StringComparer.Ordinal));
        Assert.Equal([Fact(employed), Fact(revoked), Fact(orphan)], cohort.Reports);
    }

    // ---------- alert state and outbox ----------

    [Fact]
    public async Task When_a_state_is_saved_for_the_first_time_should_create_it_and_another_first_save_lose()
    {
        var first = State("institution", TargetStatus.AtRisk, version: 1);

        Assert.True(await Alerts.TrySaveAsync(first, 0, null, None));
        Assert.False(await Alerts.TrySaveAsync(first with { Status = TargetStatus.OffTrack }, 0, null, None));

        Assert.Equal(first, await Alerts.GetStateAsync(TargetId, "institution", None));
        Assert.Empty(await Alerts.GetAlertsAsync(TargetId, None));
    }

    [Fact]
    public async Task When_two_first_saves_come_at_once_should_let_exactly_one_win_and_store_only_its_alert()
    {
        var onTrack = State("institution", TargetStatus.OnTrack, version: 1);
        var atRisk = State("institution", TargetStatus.AtRisk, version: 1);
        var onTrackAlert = Alert(null, TargetStatus.OnTrack);
        var atRiskAlert = Alert(null, TargetStatus.AtRisk);

        var saved = await Task.WhenAll(
            Task.Run(() => Alerts.TrySaveAsync(onTrack, 0, onTrackAlert, None)),
            Task.Run(() => Alerts.TrySaveAsync(atRisk, 0, atRiskAlert, None)));

        Assert.Single(saved, won => won);
        var (winner, winnerAlert) = saved[0] ? (onTrack, onTrackAlert) : (atRisk, atRiskAlert);
        Assert.Equal(winner, await Alerts.GetStateAsync(TargetId, "institution", None));
        Assert.Equal([winnerAlert.AlertId], (await Alerts.GetAlertsAsync(TargetId, None)).Select(alert => alert.AlertId));
    }

    [Fact]
    public async Task When_two_saves_expect_the_same_version_should_let_exactly_one_win_and_store_only_its_alert()
    {
        await Alerts.TrySaveAsync(State("institution", TargetStatus.OnTrack, version: 1), 0, null, None);
        var offTrack = State("institution", TargetStatus.OffTrack, version: 2);
        var met = State("institution", TargetStatus.Met, version: 2);
        var offTrackAlert = Alert(TargetStatus.OnTrack, TargetStatus.OffTrack);
        var metAlert = Alert(TargetStatus.OnTrack, TargetStatus.Met);

        var saved = await Task.WhenAll(
            Task.Run(() => Alerts.TrySaveAsync(offTrack, 1, offTrackAlert, None)),
            Task.Run(() => Alerts.TrySaveAsync(met, 1, metAlert, None)));

        Assert.Single(saved, won => won);
        var (winner, winnerAlert) = saved[0] ? (offTrack, offTrackAlert) : (met, metAlert);
        Assert.Equal(winner, await Alerts.GetStateAsync(TargetId, "institution", None));
        Assert.Equal([winnerAlert.AlertId], (await Alerts.GetAlertsAsync(TargetId, None)).Select(alert => alert.AlertId));
    }

    [Fact]
    public async Task When_a_save_is_stale_should_refuse_it_and_not_store_its_alert()
    {
        await Alerts.TrySaveAsync(State("institution", TargetStatus.OnTrack, version: 1), 0, null, None);
        var current = State("institution", TargetStatus.AtRisk, version: 2);
        Assert.True(await Alerts.TrySaveAsync(current, 1, null, None));

        var stale = await Alerts.TrySaveAsync(
            State("institution", TargetStatus.OffTrack, version: 2), 1, Alert(TargetStatus.OnTrack, TargetStatus.OffTrack), None);

        Assert.False(stale);
        Assert.Equal(current, await Alerts.GetStateAsync(TargetId, "institution", None));
        Assert.Empty(await Alerts.GetAlertsAsync(TargetId, None));
    }

    [Fact]
    public async Task When_a_target_saves_its_scopes_together_should_store_all_of_them_or_none()
    {
        await Alerts.TrySaveAsync(State("institution/U01", TargetStatus.OnTrack, version: 1), 0, null, None);
        var institution = State("institution", TargetStatus.AtRisk, version: 1);
        var unit = State("institution/U01", TargetStatus.OffTrack, version: 2);
        var newUnit = State("institution/U02", TargetStatus.OnTrack, version: 1);
        var alert = Alert(null, TargetStatus.AtRisk);

        Assert.True(await Alerts.TrySaveAllAsync([new(institution, 0, alert), new(unit, 1, null), new(newUnit, 0, null)], None));
        Assert.Equal([institution, unit, newUnit], (await Alerts.GetStatesAsync([TargetId], None)).OrderBy(s => s.ScopeKey, StringComparer.Ordinal));
        Assert.Equal([alert.AlertId], (await Alerts.GetAlertsAsync(TargetId, None)).Select(a => a.AlertId));

        // One stale state (U01 is at version 2 now, not 1) refuses the whole set: nothing of it is stored.
        var late = Alert(TargetStatus.AtRisk, TargetStatus.OffTrack);
        var saved = await Alerts.TrySaveAllAsync(
            [
                new(State("institution", TargetStatus.OffTrack, version: 2), 1, late),
                new(State("institution/U01", TargetStatus.Met, version: 2), 1, null),
                new(State("institution/U03", TargetStatus.OnTrack, version: 1), 0, null),
            ],
            None);

        Assert.False(saved);
        Assert.Equal([institution, unit, newUnit], (await Alerts.GetStatesAsync([TargetId], None)).OrderBy(s => s.ScopeKey, StringComparer.Ordinal));
        Assert.Equal([alert.AlertId], (await Alerts.GetAlertsAsync(TargetId, None)).Select(a => a.AlertId));
    }

    [Fact]
    public async Task When_an_alert_is_saved_again_should_store_it_once_per_alert_id()
    {
        var alert = Alert(null, TargetStatus.AtRisk);
        Assert.True(await Alerts.TrySaveAsync(State("institution", TargetStatus.AtRisk, version: 1), 0, alert, None));

        // A retried evaluation that decides the same transition again.
        Assert.True(await Alerts.TrySaveAsync(State("institution", TargetStatus.AtRisk, version: 2), 1, alert, None));

        AssertSameAlert(alert, Assert.Single(await Alerts.GetAlertsAsync(TargetId, None)));
    }

    [Fact]
    public async Task When_a_target_is_locked_should_let_one_holder_at_a_time_evaluate_it_and_not_hold_up_other_targets()
    {
        var first = await Alerts.LockTargetsAsync([TargetId], None);
        var second = Alerts.LockTargetsAsync([TargetId], None);
        await using (await Alerts.LockTargetsAsync([$"unit-visits-{run}"], None).WaitAsync(TimeSpan.FromSeconds(5)))
        {
            await Task.Delay(200);
            Assert.False(second.IsCompleted);
        }

        await first.DisposeAsync();
        await using var acquired = await second.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task When_evaluations_lock_overlapping_sets_of_targets_should_take_turns_without_deadlock()
    {
        string[] ids = [.. Enumerable.Range(1, 6).Select(i => $"target-{i}-{run}")];
        var held = await Alerts.LockTargetsAsync([ids[0], ids[1], ids[2]], None);

        // Each waiter names the targets in another order; all of them wait for the holder, then run one after another.
        var waiters = new[] { ids.Reverse().ToArray(), [ids[2], ids[4], ids[0]], [ids[5], ids[1]] }
            .Select(set => Task.Run(async () =>
            {
                await using var locks = await Alerts.LockTargetsAsync(set, None);
                await Task.Delay(50);
            }))
            .ToList();
        await Task.Delay(300);

        Assert.All(waiters, waiter => Assert.False(waiter.IsCompleted));
        await held.DisposeAsync();
        await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task When_a_state_to_save_does_not_carry_the_next_version_should_be_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => Alerts.TrySaveAsync(State("institution", TargetStatus.AtRisk, version: 5), 0, null, None));

        Assert.Null(await Alerts.GetStateAsync(TargetId, "institution", None));
    }

    [Fact]
    public async Task When_states_are_saved_should_keep_every_field_and_be_listed_by_target()
    {
        var full = new AlertState(
            TargetId,
            $"{Institution}/U01",
            TargetStatus.AtRisk,
            StatusSince: new DateTimeOffset(2024, 4, 1, 8, 30, 0, TimeSpan.FromHours(8)),
            Transitions: 3,
            Reminders: 2,
            LastNotifiedAt: new DateTimeOffset(2024, 5, 1, 8, 30, 0, TimeSpan.FromHours(8)),
            CandidateStatus: TargetStatus.OffTrack,
            CandidateSince: new DateTimeOffset(2024, 5, 5, 8, 30, 0, TimeSpan.FromHours(8)),
            LastActual: 95.44m,
            LastEvaluatedAt: new DateTimeOffset(2024, 5, 6, 8, 35, 0, TimeSpan.FromHours(8)),
            Version: 1);
        var sparse = State(Institution, TargetStatus.OnTrack, version: 1);
        var otherTarget = sparse with { TargetId = $"unit-visits-{run}" };
        foreach (var state in new[] { full, sparse, otherTarget })
        {
            await Alerts.TrySaveAsync(state, 0, null, None);
        }

        Assert.Equal(full, await Alerts.GetStateAsync(TargetId, full.ScopeKey, None));
        Assert.Equal([sparse, full], await Alerts.GetStatesAsync([TargetId], None));
        Assert.Equal(3, (await Alerts.GetStatesAsync([TargetId, otherTarget.TargetId], None)).Count);
        Assert.Empty(await Alerts.GetStatesAsync([], None));
        Assert.Null(await Alerts.GetStateAsync(TargetId, "no-such-scope", None));
    }

    [Fact]
    public async Task When_the_relay_runs_should_publish_oldest_first_mark_alerts_published_and_never_publish_them_again()
    {
        await DrainOutboxAsync();
        var alerts = await SaveAlertsAsync(3);
        var published = new List<TargetStatusChanged>();
        Task Publish(TargetStatusChanged alert, CancellationToken cancellationToken)
        {
            published.Add(alert);
            return Task.CompletedTask;
        }

        Assert.Equal(2, await Alerts.RelayAsync(Publish, 2, None));
        Assert.Equal(1, await Alerts.RelayAsync(Publish, 2, None));
        Assert.Equal(0, await Alerts.RelayAsync(Publish, 2, None));

        Assert.Equal(alerts.Select(alert => alert.AlertId), published.Select(alert => alert.AlertId));
        AssertSameAlert(alerts[0], published[0]);
        Assert.Equal(alerts.Select(alert => alert.AlertId), (await Alerts.GetAlertsAsync(TargetId, None)).Select(alert => alert.AlertId));
    }

    [Fact]
    public async Task When_a_publish_fails_should_leave_the_batch_for_the_next_relay()
    {
        await DrainOutboxAsync();
        var alerts = await SaveAlertsAsync(2);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Alerts.RelayAsync(
            (alert, _) => alert.AlertId == alerts[1].AlertId ? throw new InvalidOperationException("broker down") : Task.CompletedTask,
            10,
            None));

        var published = new List<Guid>();
        Assert.Equal(2, await Alerts.RelayAsync((alert, _) => { published.Add(alert.AlertId); return Task.CompletedTask; }, 10, None));
        Assert.Equal(alerts.Select(alert => alert.AlertId), published);
    }

    [Fact]
    public async Task When_two_relays_run_concurrently_should_publish_each_alert_exactly_once()
    {
        await DrainOutboxAsync();
        var alerts = await SaveAlertsAsync(10);
        var published = new ConcurrentBag<Guid>();

        async Task<int> RelayUntilEmptyAsync()
        {
            var total = 0;
            int relayed;
            do
            {
                relayed = await Alerts.RelayAsync(
                    async (alert, cancellationToken) =>
                    {
                        published.Add(alert.AlertId);
                        await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
                    },
                    3,
                    None);
                total += relayed;
            }
            while (relayed > 0);
            return total;
        }

        var relayedByEach = await Task.WhenAll(Task.Run(RelayUntilEmptyAsync), Task.Run(RelayUntilEmptyAsync));

        Assert.Equal(10, relayedByEach.Sum());
        Assert.Equal(alerts.Select(alert => alert.AlertId).Order(), published.Order());
    }

    // ---------- helpers ----------

    private string Id(string local) => $"{run}-{local}";

    private EnterpriseVisitRecorded Visit(string id, DateOnly visitedOn) => new(
        Id(id), Institution, VisitTier.Unit, "U01", "天津渤化化工发展有限公司", "91120116MA06A1B2C3", visitedOn, VisitMode.Outgoing, 3);

    private GraduateRegistered Graduate(string id, string unitCode, params string[] disadvantaged) =>
        new(Institution, 2024, Id(id), unitCode, "食品智能加工技术", disadvantaged);

    private GraduateDestinationReported Report(string id, string graduateId, Destination destination, DateOnly effectiveOn) => new(
        Id(id), Institution, 2024, Id(graduateId), destination, effectiveOn, new DateTimeOffset(effectiveOn, new TimeOnly(10, 0), TimeSpan.FromHours(8)), "天津某公司", null);

    private static DestinationFact Fact(GraduateDestinationReported report) =>
        new(report.ReportId, report.GraduateId, report.Destination, report.EffectiveOn, report.ReportedAt);

    // The worker fingerprints a hash of the content; any string that changes with the content will do here.
    private static string Fingerprint<T>(T content) => JsonSerializer.Serialize(content);

    private Task<StoreOutcome> RecordAsync(EnterpriseVisitRecorded visit) => Visits.RecordVisitAsync(visit, Fingerprint(visit), ReceivedAt, None);

    private Task<StoreOutcome> CancelAsync(string visitId, string institutionId) =>
        Visits.CancelVisitAsync(new EnterpriseVisitCancelled(visitId, institutionId, "误录"), ReceivedAt, None);

    private Task<IReadOnlyList<VisitFact>> ActiveVisitsAsync() => Visits.GetActiveVisitsAsync(Institution, FirstDay, LastDay, None);

    private Task<StoreOutcome> RegisterAsync(GraduateRegistered graduate) =>
        Placement.RegisterGraduateAsync(
            new RosterEntry(graduate.InstitutionId, graduate.CohortYear, graduate.GraduateId, graduate.UnitCode, graduate.Disadvantaged.Count > 0), ReceivedAt, None);

    private Task<StoreOutcome> ReinstateAsync(GraduateReinstated reinstatement) =>
        Placement.ReinstateGraduateAsync(reinstatement, Fingerprint(reinstatement), ReceivedAt, None);

    private Task<StoreOutcome> WithdrawAsync(GraduateWithdrawn withdrawal) =>
        Placement.WithdrawGraduateAsync(withdrawal, Fingerprint(withdrawal), ReceivedAt, None);

    private Task<StoreOutcome> ReportAsync(GraduateDestinationReported report) =>
        Placement.RecordDestinationAsync(report, Fingerprint(report), ReceivedAt, None);

    private Task<CohortFacts> CohortAsync() => Placement.GetCohortAsync(Institution, 2024, None);

    private AlertState State(string scopeKey, TargetStatus status, long version) => new(
        TargetId, scopeKey, status, Clock.GetUtcNow(), 1, 0, null, null, null, 38m, Clock.GetUtcNow(), version);

    private TargetStatusChanged Alert(TargetStatus? previous, TargetStatus current) => new(
        Guid.NewGuid(),
        TargetId,
        "学院领导班子走访用人单位",
        Institution,
        null,
        previous,
        current,
        AlertSeverity.Warning,
        Actual: 38m,
        Numerator: null,
        Denominator: null,
        Threshold: 100m,
        ExpectedByNow: 45.2m,
        Forecast: 88.75m,
        RequiredPerWeek: 2.9m,
        DaysLeft: 92,
        Deadline: LastDay,
        LaggingUnits: [new LaggingUnit("U01", "轻工学院", 12m, 20.5m, TargetStatus.OffTrack)],
        Summary: "学院领导班子走访用人单位 38 家，按进度应达 45 家，略有滞后。",
        EvaluatedAt: Clock.GetUtcNow(),
        IsReminder: false);

    /// <summary>Saves one state change with an alert per scope, a minute apart, and returns the alerts oldest first.</summary>
    private async Task<IReadOnlyList<TargetStatusChanged>> SaveAlertsAsync(int count)
    {
        var alerts = new List<TargetStatusChanged>();
        for (var i = 0; i < count; i++)
        {
            var scopeKey = $"{Institution}/U{i:00}";
            var alert = Alert(null, TargetStatus.AtRisk);
            Assert.True(await Alerts.TrySaveAsync(State(scopeKey, TargetStatus.AtRisk, version: 1), 0, alert, None));
            alerts.Add(alert);
            Clock.Advance(TimeSpan.FromMinutes(1));
        }

        return alerts;
    }

    /// <summary>Publishes whatever earlier tests left in a shared store, so a relay test sees only its own alerts.</summary>
    private async Task DrainOutboxAsync()
    {
        int relayed;
        do
        {
            relayed = await Alerts.RelayAsync((_, _) => Task.CompletedTask, 100, None);
        }
        while (relayed > 0);
    }

    private static void AssertSameAlert(TargetStatusChanged expected, TargetStatusChanged actual)
    {
        // Records compare lists by reference: compare the lagging units apart.
        Assert.Equal(expected with { LaggingUnits = Array.Empty<LaggingUnit>() }, actual with { LaggingUnits = Array.Empty<LaggingUnit>() });
        Assert.Equal(expected.LaggingUnits, actual.LaggingUnits);
    }

    /// <summary>The three views of the store under test.</summary>
    protected sealed record Stores(IVisitStore Visits, IPlacementStore Placement, IAlertStore Alerts);
}
