using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Placement;

/// <summary>The embedded default: the same semantics as <see cref="PostgresPlacementStore"/>, in process memory, lost on restart.</summary>
public sealed class InMemoryPlacementStore : IPlacementStore
{
    private readonly Lock gate = new();
    private readonly FingerprintedItems<GraduateKey, GraduateRegistered> graduates = new();
    private readonly FingerprintedItems<GraduateKey, GraduateWithdrawn> withdrawals = new();
    private readonly FingerprintedItems<(string InstitutionId, string ReportId), GraduateDestinationReported> reports = new();

    public Task<StoreOutcome> RegisterGraduateAsync(GraduateRegistered graduate, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graduate);
        var key = new GraduateKey(graduate.InstitutionId, graduate.CohortYear, graduate.GraduateId);
        lock (gate)
        {
            // A copy: the caller's list must not change the roster afterwards.
            return Task.FromResult(graduates.Add(key, graduate with { Disadvantaged = [.. graduate.Disadvantaged] }, fingerprint));
        }
    }

    public Task<IReadOnlyList<StoreOutcome>> RegisterGraduatesAsync(IReadOnlyList<EventToStore<GraduateRegistered>> graduates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graduates);
        lock (gate)
        {
            IReadOnlyList<StoreOutcome> outcomes =
            [
                .. graduates.Select(g => this.graduates.Add(
                    new GraduateKey(g.Event.InstitutionId, g.Event.CohortYear, g.Event.GraduateId), g.Event with { Disadvantaged = [.. g.Event.Disadvantaged] }, g.Fingerprint)),
            ];
            return Task.FromResult(outcomes);
        }
    }

    public Task<StoreOutcome> WithdrawGraduateAsync(GraduateWithdrawn withdrawal, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(withdrawal);
        var key = new GraduateKey(withdrawal.InstitutionId, withdrawal.CohortYear, withdrawal.GraduateId);
        lock (gate)
        {
            return Task.FromResult(withdrawals.Add(key, withdrawal, fingerprint));
        }
    }

    public Task<StoreOutcome> RecordDestinationAsync(GraduateDestinationReported report, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (gate)
        {
            return Task.FromResult(reports.Add((report.InstitutionId, report.ReportId), report, fingerprint));
        }
    }

    public Task<IReadOnlyList<StoreOutcome>> RecordDestinationsAsync(IReadOnlyList<EventToStore<GraduateDestinationReported>> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        lock (gate)
        {
            IReadOnlyList<StoreOutcome> outcomes = [.. reports.Select(r => this.reports.Add((r.Event.InstitutionId, r.Event.ReportId), r.Event, r.Fingerprint))];
            return Task.FromResult(outcomes);
        }
    }

    public Task<CohortFacts> GetCohortAsync(string institutionId, int cohortYear, CancellationToken cancellationToken)
    {
        bool InCohort(GraduateKey key) => key.InstitutionId == institutionId && key.CohortYear == cohortYear;

        lock (gate)
        {
            var facts = new CohortFacts(
                [
                    .. graduates.All.Where(entry => InCohort(entry.Key))
                        .OrderBy(entry => entry.Key.GraduateId, StringComparer.Ordinal)
                        .Select(entry => new GraduateFact(entry.Key.GraduateId, entry.Value.UnitCode, entry.Value.Disadvantaged)),
                ],
                withdrawals.Keys.Where(InCohort).Select(key => key.GraduateId).ToHashSet(StringComparer.Ordinal),
                [
                    .. reports.Values
                        .Where(report => report.InstitutionId == institutionId && report.CohortYear == cohortYear)
                        .OrderBy(report => report.ReportId, StringComparer.Ordinal)
                        .Select(report => new DestinationFact(report.ReportId, report.GraduateId, report.Destination, report.EffectiveOn, report.ReportedAt)),
                ]);
            return Task.FromResult(facts);
        }
    }

    private readonly record struct GraduateKey(string InstitutionId, int CohortYear, string GraduateId);
}
