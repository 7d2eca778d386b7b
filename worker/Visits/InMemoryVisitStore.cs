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

    public Task<IReadOnlyDictionary<string, IReadOnlyList<VisitFact>>> GetActiveVisitsAsync(
        IReadOnlyCollection<string> institutionIds, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyDictionary<string, IReadOnlyList<VisitFact>> active = institutionIds
                .Distinct(StringComparer.Ordinal)
                .ToDictionary(
                    institutionId => institutionId,
                    IReadOnlyList<VisitFact> (institutionId) =>
                    [
                        .. visits.Values
                            .Where(visit => visit.InstitutionId == institutionId && visit.VisitedOn >= firstDay && visit.VisitedOn <= lastDay)
                            .Where(visit => !cancellations.ContainsKey((visit.InstitutionId, visit.VisitId)))
                            .OrderBy(visit => visit.VisitedOn)
                            .ThenBy(visit => visit.VisitId, StringComparer.Ordinal)
                            .Select(visit => new VisitFact(
                                visit.VisitId, visit.Tier, visit.UnitCode, visit.EmployerName, visit.EmployerCreditCode, visit.VisitedOn, visit.PositionsOpened)),
                    ],
                    StringComparer.Ordinal);
            return Task.FromResult(active);
        }
    }
}
