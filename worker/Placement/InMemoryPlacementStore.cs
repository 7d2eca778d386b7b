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

    public Task<IReadOnlyList<PlacementSeries>> GetPlacementSeriesAsync(IReadOnlyCollection<string> institutionIds, int cohortYear, DateOnly breakdownOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(institutionIds);
        var wanted = institutionIds.ToHashSet(StringComparer.Ordinal);
        Dictionary<(string, string), GraduateRegistered> roster;
        HashSet<(string, string)> withdrawn;
        List<GraduateDestinationReported> cohortReports;
        lock (gate)
        {
            roster = graduates.All
                .Where(g => wanted.Contains(g.Key.InstitutionId) && g.Key.CohortYear == cohortYear)
                .ToDictionary(g => (g.Key.InstitutionId, g.Key.GraduateId), g => g.Value);
            withdrawn = [.. withdrawals.Keys.Where(k => wanted.Contains(k.InstitutionId) && k.CohortYear == cohortYear).Select(k => (k.InstitutionId, k.GraduateId))];
            cohortReports = [.. reports.Values.Where(r => wanted.Contains(r.InstitutionId) && r.CohortYear == cohortYear)];
        }

        // A graduate's destination at the end of a day: the last of the reports effective that day, by reported_at, then report id.
        var histories = cohortReports
            .Where(r => roster.ContainsKey((r.InstitutionId, r.GraduateId)))
            .GroupBy(r => (r.InstitutionId, r.GraduateId))
            .ToDictionary(
                g => g.Key,
                g => g.OrderBy(r => r.EffectiveOn).ThenBy(r => r.ReportedAt).ThenBy(r => r.ReportId, StringComparer.Ordinal).ToList());
        var counted = roster.Where(g => !withdrawn.Contains(g.Key)).ToList();
        List<GraduateDestinationReported> HistoryOf((string, string) key) => histories.GetValueOrDefault(key) ?? [];

        var groups = roster
            .GroupBy(g => (g.Value.InstitutionId, g.Value.UnitCode, Disadvantaged: g.Value.Disadvantaged.Count > 0))
            .Select(g => new PlacementGroup(
                g.Key.InstitutionId,
                g.Key.UnitCode,
                g.Key.Disadvantaged,
                g.Count(),
                g.Count(m => !withdrawn.Contains(m.Key)),
                g.Where(m => !withdrawn.Contains(m.Key)).SelectMany(m => HistoryOf(m.Key)).Select(r => (DateOnly?)r.EffectiveOn).Max()));
        var changes = counted.SelectMany(m =>
        {
            var placedAtEndOf = HistoryOf(m.Key).GroupBy(r => r.EffectiveOn).Select(day => (Day: day.Key, Placed: DestinationKinds.IsPlaced(day.Last().Destination)));
            var previous = false;
            var steps = new List<(string, string, bool, PlacedChange)>();
            foreach (var (day, placed) in placedAtEndOf)
            {
                if (placed != previous)
                {
                    steps.Add((m.Value.InstitutionId, m.Value.UnitCode, m.Value.Disadvantaged.Count > 0, new PlacedChange(day, placed ? 1 : -1)));
                    previous = placed;
                }
            }

            return steps;
        });
        var destinations = counted
            .Select(m => (Graduate: m.Value, Latest: HistoryOf(m.Key).LastOrDefault(r => r.EffectiveOn <= breakdownOn)))
            .Where(m => m.Latest is not null)
            .GroupBy(m => (m.Graduate.InstitutionId, m.Graduate.UnitCode, Disadvantaged: m.Graduate.Disadvantaged.Count > 0, m.Latest!.Destination))
            .Select(g => (g.Key.InstitutionId, g.Key.UnitCode, g.Key.Disadvantaged, g.Key.Destination, g.Count()));
        var orphans = cohortReports
            .Where(r => !roster.ContainsKey((r.InstitutionId, r.GraduateId)))
            .GroupBy(r => r.InstitutionId)
            .Select(g => (g.Key, g.Count()));
        return Task.FromResult(PlacementSeries.Combine(cohortYear, breakdownOn, groups, changes, destinations, orphans));
    }

    private readonly record struct GraduateKey(string InstitutionId, int CohortYear, string GraduateId);
}
