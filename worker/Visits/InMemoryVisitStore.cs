using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Visits;

/// <summary>The embedded default: the same semantics as <see cref="PostgresVisitStore"/>, in process memory, lost on restart.</summary>
public sealed class InMemoryVisitStore : IVisitStore
{
    private readonly Lock gate = new();
    private readonly FingerprintedItems<(string InstitutionId, string VisitId), EnterpriseVisitRecorded> visits = new();
    private readonly Dictionary<(string InstitutionId, string VisitId), EnterpriseVisitCancelled> cancellations = [];

    public Task<StoreOutcome> RecordVisitAsync(EnterpriseVisitRecorded visit, string fingerprint, DateTimeOffset recordedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visit);
        lock (gate)
        {
            return Task.FromResult(visits.Add((visit.InstitutionId, visit.VisitId), visit, fingerprint));
        }
    }

    public Task<IReadOnlyList<StoreOutcome>> RecordVisitsAsync(IReadOnlyList<EventToStore<EnterpriseVisitRecorded>> visits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visits);
        lock (gate)
        {
            IReadOnlyList<StoreOutcome> outcomes = [.. visits.Select(v => this.visits.Add((v.Event.InstitutionId, v.Event.VisitId), v.Event, v.Fingerprint))];
            return Task.FromResult(outcomes);
        }
    }

    public Task<StoreOutcome> CancelVisitAsync(EnterpriseVisitCancelled cancellation, DateTimeOffset cancelledAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cancellation);
        lock (gate)
        {
            return Task.FromResult(cancellations.TryAdd((cancellation.InstitutionId, cancellation.VisitId), cancellation) ? StoreOutcome.Accepted : StoreOutcome.Duplicate);
        }
    }

    public Task<IReadOnlyList<VisitFact>> GetActiveVisitsAsync(string institutionId, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<VisitFact> active =
            [
                .. visits.Values
                    .Where(visit => visit.InstitutionId == institutionId && visit.VisitedOn >= firstDay && visit.VisitedOn <= lastDay)
                    .Where(visit => !cancellations.ContainsKey((visit.InstitutionId, visit.VisitId)))
                    .OrderBy(visit => visit.VisitedOn)
                    .ThenBy(visit => visit.VisitId, StringComparer.Ordinal)
                    .Select(visit => new VisitFact(
                        visit.VisitId, visit.Tier, visit.UnitCode, visit.EmployerName, visit.EmployerCreditCode, visit.VisitedOn, visit.PositionsOpened)),
            ];
            return Task.FromResult(active);
        }
    }

    public Task<IReadOnlyList<VisitSeries>> GetVisitSeriesAsync(IReadOnlyCollection<string> institutionIds, VisitTier tier, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(institutionIds);
        var wanted = institutionIds.ToHashSet(StringComparer.Ordinal);
        List<EnterpriseVisitRecorded> active;
        lock (gate)
        {
            active =
            [
                .. visits.Values.Where(v => wanted.Contains(v.InstitutionId) && v.Tier == tier && v.VisitedOn >= firstDay && v.VisitedOn <= lastDay
                    && !cancellations.ContainsKey((v.InstitutionId, v.VisitId))),
            ];
        }

        var named = active.Select(v => (Visit: v, Name: EmployerIdentity.NormaliseName(v.EmployerName), Code: PostgresVisitStore.CodeKey(v.EmployerCreditCode))).ToList();

        // A name without a code is the employer of the code that the earliest visit with a code gave that name.
        var codeByName = named
            .Where(v => v.Code is not null)
            .OrderBy(v => v.Visit.VisitedOn)
            .ThenBy(v => v.Visit.VisitId, StringComparer.Ordinal)
            .GroupBy(v => (v.Visit.InstitutionId, v.Name))
            .ToDictionary(g => g.Key, g => g.First().Code!);
        var keyed = named
            .Select(v => (
                v.Visit,
                Employer: v.Code is { } code ? "code:" + code
                    : codeByName.TryGetValue((v.Visit.InstitutionId, v.Name), out var given) ? "code:" + given
                    : "name:" + v.Name))
            .ToList();

        IEnumerable<(string, string?, VisitDay)> Days(string institutionId, string? unitCode, IEnumerable<(EnterpriseVisitRecorded Visit, string Employer)> scope)
        {
            var list = scope.ToList();
            var firsts = list.GroupBy(v => v.Employer).Select(g => g.Min(v => v.Visit.VisitedOn)).CountBy(day => day).ToDictionary();
            return list
                .GroupBy(v => v.Visit.VisitedOn)
                .Select(g => (institutionId, unitCode, new VisitDay(g.Key, firsts.GetValueOrDefault(g.Key), g.Count(), g.Sum(v => v.Visit.PositionsOpened))));
        }

        var rows = keyed
            .GroupBy(v => v.Visit.InstitutionId)
            .SelectMany(institution => Days(institution.Key, null, institution)
                .Concat(institution.Where(v => v.Visit.UnitCode is not null).GroupBy(v => v.Visit.UnitCode).SelectMany(unit => Days(institution.Key, unit.Key, unit))));
        return Task.FromResult(VisitSeries.FromDays(tier, rows));
    }
}
