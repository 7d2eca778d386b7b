using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Placement;
using Monitor.Worker.Storage;
using Monitor.Worker.Visits;

namespace Monitor.IntegrationTests.Storage;

/// <summary>
/// Events stored in batches keep exactly the promises of events stored one by one: each event's outcome is the one it
/// would have had in a call of its own, in the batch's order, and the first version of an id is the one kept.
/// </summary>
public abstract partial class StoreContract
{
    [Fact]
    public async Task When_a_batch_of_new_visits_is_recorded_should_accept_each_and_keep_them_all()
    {
        var visits = new[] { Visit("b1", new DateOnly(2024, 3, 1)), Visit("b2", new DateOnly(2024, 3, 2)) with { EmployerName = "天津港集团" } };

        var outcomes = await Visits.RecordVisitsAsync([.. visits.Select(ToStore)], None);

        Assert.Equal([StoreOutcome.Accepted, StoreOutcome.Accepted], outcomes);
        Assert.Equal(visits.Select(v => (v.VisitId, v.EmployerName)), (await ActiveVisitsAsync()).Select(v => (v.VisitId, v.EmployerName)));
    }

    [Fact]
    public async Task When_a_batch_repeats_a_visit_id_should_accept_the_first_and_compare_the_repeats_with_it()
    {
        var first = Visit("b1", new DateOnly(2024, 3, 1));

        var outcomes = await Visits.RecordVisitsAsync(
            [ToStore(first), ToStore(first), ToStore(first with { PositionsOpened = 30 }), ToStore(Visit("b2", new DateOnly(2024, 3, 2)))], None);

        Assert.Equal([StoreOutcome.Accepted, StoreOutcome.Duplicate, StoreOutcome.Conflict, StoreOutcome.Accepted], outcomes);
        Assert.Equal([(first.VisitId, 3), (Id("b2"), 3)], (await ActiveVisitsAsync()).Select(v => (v.VisitId, v.PositionsOpened)));
    }

    [Fact]
    public async Task When_a_batch_holds_visit_ids_recorded_before_should_call_the_same_content_a_duplicate_and_other_content_a_conflict()
    {
        var earlier = Visit("b1", new DateOnly(2024, 3, 1));
        await RecordAsync(earlier);

        var outcomes = await Visits.RecordVisitsAsync(
            [ToStore(earlier with { EmployerName = "另一家公司" }), ToStore(Visit("b2", new DateOnly(2024, 3, 2))), ToStore(earlier)], None);

        Assert.Equal([StoreOutcome.Conflict, StoreOutcome.Accepted, StoreOutcome.Duplicate], outcomes);
        Assert.Equal("天津渤化化工发展有限公司", (await ActiveVisitsAsync()).Single(v => v.VisitId == earlier.VisitId).EmployerName);
    }

    [Fact]
    public async Task When_two_institutions_batch_the_same_visit_id_should_keep_both()
    {
        var ours = Visit("b1", new DateOnly(2024, 3, 1));

        var outcomes = await Visits.RecordVisitsAsync([ToStore(ours), ToStore(ours with { InstitutionId = OtherInstitution, PositionsOpened = 9 })], None);

        Assert.Equal([StoreOutcome.Accepted, StoreOutcome.Accepted], outcomes);
        Assert.Equal(9, Assert.Single(await Visits.GetActiveVisitsAsync(OtherInstitution, FirstDay, LastDay, None)).PositionsOpened);
    }

    [Fact]
    public async Task When_an_empty_batch_is_stored_should_return_no_outcomes()
    {
        Assert.Empty(await Visits.RecordVisitsAsync([], None));
        Assert.Empty(await Placement.RegisterGraduatesAsync([], None));
        Assert.Empty(await Placement.RecordDestinationsAsync([], None));
    }

    [Fact]
    public async Task When_a_batch_of_registrations_repeats_ids_and_holds_earlier_ones_should_give_each_its_own_outcome_and_keep_the_first_entries()
    {
        var earlier = Graduate("g1", "U01", "LowIncome");
        await RegisterAsync(earlier);
        var second = Entry(Graduate("g2", "U02"));
        var third = Entry(Graduate("g3", "U01", "Disability", "LowIncome"));

        var outcomes = await Placement.RegisterGraduatesAsync(
            [ToStore(Entry(earlier)), ToStore(second), ToStore(second with { UnitCode = "U03" }), ToStore(third), ToStore(Entry(earlier) with { UnitCode = "U02" })], None);

        Assert.Equal([StoreOutcome.Duplicate, StoreOutcome.Accepted, StoreOutcome.Conflict, StoreOutcome.Accepted, StoreOutcome.Conflict], outcomes);
        Assert.Equal(
            [(Id("g1"), "U01", true), (Id("g2"), "U02", false), (Id("g3"), "U01", true)],
            (await CohortAsync()).Graduates.Select(g => (g.GraduateId, g.UnitCode, g.Disadvantaged)));
    }

    [Fact]
    public async Task When_a_batch_of_reports_repeats_ids_and_holds_earlier_ones_should_give_each_its_own_outcome_and_keep_the_first_versions()
    {
        var earlier = Report("r1", "g1", Destination.ContractEmployment, new DateOnly(2024, 6, 20));
        await ReportAsync(earlier);
        var second = Report("r2", "g2", Destination.FurtherStudy, new DateOnly(2024, 7, 1));

        var outcomes = await Placement.RecordDestinationsAsync(
            [ToStore(second), ToStore(earlier with { Destination = Destination.Unplaced }), ToStore(second), ToStore(earlier)], None);

        Assert.Equal([StoreOutcome.Accepted, StoreOutcome.Conflict, StoreOutcome.Duplicate, StoreOutcome.Duplicate], outcomes);
        Assert.Equal([Fact(earlier), Fact(second)], (await CohortAsync()).Reports);
    }

    private static EventToStore<T> ToStore<T>(T message) => new(message, Fingerprint(message), ReceivedAt);

    private static EventToStore<RosterEntry> ToStore(RosterEntry entry) => new(entry, entry.Fingerprint, ReceivedAt);

    private static RosterEntry Entry(GraduateRegistered graduate) =>
        new(graduate.InstitutionId, graduate.CohortYear, graduate.GraduateId, graduate.UnitCode, graduate.Disadvantaged.Count > 0);
}
