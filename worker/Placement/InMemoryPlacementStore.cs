using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Placement;

/// <summary>The embedded default: the same semantics as <see cref="PostgresPlacementStore"/>, in process memory, lost on restart.</summary>
public sealed class InMemoryPlacementStore : IPlacementStore
{
    private readonly Lock gate = new();
    private readonly FingerprintedItems<GraduateKey, RosterEntry> graduates = new();
    private readonly FingerprintedItems<GraduateKey, bool> withdrawals = new();
    private readonly FingerprintedItems<GraduateKey, bool> reinstatements = new();
    private readonly FingerprintedItems<(string InstitutionId, string ReportId), Report> reports = new();

    public Task<StoreOutcome> RegisterGraduateAsync(RosterEntry graduate, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graduate);
        lock (gate)
        {
            return Task.FromResult(graduates.Add(new GraduateKey(graduate.InstitutionId, graduate.CohortYear, graduate.GraduateId), graduate, graduate.Fingerprint));
        }
    }

    public Task<IReadOnlyList<StoreOutcome>> RegisterGraduatesAsync(IReadOnlyList<EventToStore<RosterEntry>> graduates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graduates);
        lock (gate)
        {
            IReadOnlyList<StoreOutcome> outcomes =
            [
                .. graduates.Select(g => this.graduates.Add(
                    new GraduateKey(g.Event.InstitutionId, g.Event.CohortYear, g.Event.GraduateId), g.Event, g.Fingerprint)),
            ];
            return Task.FromResult(outcomes);
        }
    }

    public Task<StoreOutcome> WithdrawGraduateAsync(GraduateWithdrawn withdrawal, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(withdrawal);
        lock (gate)
        {
            return Task.FromResult(withdrawals.Add(new GraduateKey(withdrawal.InstitutionId, withdrawal.CohortYear, withdrawal.GraduateId), true, fingerprint));
        }
    }

    public Task<StoreOutcome> ReinstateGraduateAsync(GraduateReinstated reinstatement, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reinstatement);
        lock (gate)
        {
            return Task.FromResult(reinstatements.Add(new GraduateKey(reinstatement.InstitutionId, reinstatement.CohortYear, reinstatement.GraduateId), true, fingerprint));
        }
    }

    public Task<StoreOutcome> RecordDestinationAsync(GraduateDestinationReported report, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (gate)
        {
            return Task.FromResult(reports.Add(
                (report.InstitutionId, report.ReportId),
                new Report(report.InstitutionId, report.CohortYear, new DestinationFact(report.ReportId, report.GraduateId, report.Destination, report.EffectiveOn, report.ReportedAt)),
                fingerprint));
        }
    }

    public Task<IReadOnlyList<StoreOutcome>> RecordDestinationsAsync(IReadOnlyList<EventToStore<GraduateDestinationReported>> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        lock (gate)
        {
            IReadOnlyList<StoreOutcome> outcomes =
            [
                .. reports.Select(r => this.reports.Add(
                    (r.Event.InstitutionId, r.Event.ReportId),
                    new Report(r.Event.InstitutionId, r.Event.CohortYear, new DestinationFact(r.Event.ReportId, r.Event.GraduateId, r.Event.Destination, r.Event.EffectiveOn, r.Event.ReportedAt)),
                    r.Fingerprint)),
            ];
            return Task.FromResult(outcomes);
        }
    }

    public Task<CohortFacts> GetCohortAsync(string institutionId, int cohortYear, CancellationToken cancellationToken)
    {
        bool InCohort(GraduateKey key) => key.InstitutionId == institutionId && key.CohortYear == cohortYear;

        lock (gate)
        {
            var reinstated = reinstatements.Keys.Where(InCohort).ToHashSet();
            var facts = new CohortFacts(
                [
                    .. graduates.All.Where(entry => InCohort(entry.Key))
                        .OrderBy(entry => entry.Key.GraduateId, StringComparer.Ordinal)
                        .Select(entry => new GraduateFact(entry.Key.GraduateId, entry.Value.UnitCode, entry.Value.Disadvantaged)),
                ],
                withdrawals.Keys.Where(key => InCohort(key) && !reinstated.Contains(key)).Select(key => key.GraduateId).ToHashSet(StringComparer.Ordinal),
                [
                    .. reports.Values
                        .Where(report => report.InstitutionId == institutionId && report.CohortYear == cohortYear)
                        .Select(report => report.Fact)
                        .OrderBy(fact => fact.ReportId, StringComparer.Ordinal),
                ]);
            return Task.FromResult(facts);
        }
    }

    public async Task<IReadOnlyDictionary<string, CohortSummary>> SummariseCohortsAsync(
        IReadOnlyCollection<string> institutionIds, int cohortYear, CancellationToken cancellationToken)
    {
        var summaries = new Dictionary<string, CohortSummary>(StringComparer.Ordinal);
        foreach (var institutionId in institutionIds.Distinct(StringComparer.Ordinal))
        {
            summaries[institutionId] = CohortSummary.Of(await GetCohortAsync(institutionId, cohortYear, cancellationToken));
        }

        return summaries;
    }

    public Task<PurgedCohort> PurgeCohortAsync(string institutionId, int cohortYear, CancellationToken cancellationToken)
    {
        bool InCohort(GraduateKey key) => key.InstitutionId == institutionId && key.CohortYear == cohortYear;

        lock (gate)
        {
            return Task.FromResult(new PurgedCohort(
                graduates.RemoveWhere(InCohort),
                withdrawals.RemoveWhere(InCohort),
                reinstatements.RemoveWhere(InCohort),
                reports.RemoveWhere(key => key.InstitutionId == institutionId && reports.Get(key)!.CohortYear == cohortYear)));
        }
    }

    private readonly record struct GraduateKey(string InstitutionId, int CohortYear, string GraduateId);

    private sealed record Report(string InstitutionId, int CohortYear, DestinationFact Fact)
    {
        public string ReportId => Fact.ReportId;

        public string GraduateId => Fact.GraduateId;

        public Destination Destination => Fact.Destination;

        public DateOnly EffectiveOn => Fact.EffectiveOn;

        public DateTimeOffset ReportedAt => Fact.ReportedAt;
    }
}
