using System.Collections.Concurrent;
using Monitor.Messages;

namespace Monitor.Worker.Storage;

/// <summary>
/// The embedded default: the same semantics as <see cref="PostgresMonitorStore"/>, held in process memory and lost on
/// restart. One lock guards all data; outbox alerts are kept as their JSON payload, as in PostgreSQL.
/// </summary>
/// <remarks>
/// Version rule of <see cref="TrySaveAsync"/>: the caller passes the version it read as <c>expectedVersion</c> (0 when
/// there was no state) and the state to save with <c>Version = expectedVersion + 1</c>; that version is stored as is.
/// Any other combination is a caller error (<see cref="ArgumentException"/>).
/// </remarks>
public sealed class InMemoryMonitorStore(TimeProvider timeProvider) : IVisitStore, IPlacementStore, IAlertStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string InstitutionId, string VisitId), Stored<EnterpriseVisitRecorded>> visits = [];
    private readonly Dictionary<(string InstitutionId, string VisitId), EnterpriseVisitCancelled> cancellations = [];
    private readonly Dictionary<GraduateKey, Stored<GraduateRegistered>> graduates = [];
    private readonly Dictionary<GraduateKey, Stored<GraduateWithdrawn>> withdrawals = [];
    private readonly Dictionary<(string InstitutionId, string ReportId), Stored<GraduateDestinationReported>> reports = [];
    private readonly Dictionary<(string TargetId, string ScopeKey), AlertState> states = [];
    private readonly Dictionary<Guid, OutboxEntry> outbox = [];
    private readonly ConcurrentDictionary<string, SemaphoreSlim> targetLocks = new(StringComparer.Ordinal);

    public Task<StoreOutcome> RecordVisitAsync(EnterpriseVisitRecorded visit, string fingerprint, DateTimeOffset recordedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visit);
        lock (gate)
        {
            return Task.FromResult(AddOnce(visits, (visit.InstitutionId, visit.VisitId), visit, fingerprint));
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
                    .Select(stored => stored.Item)
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

    public Task<StoreOutcome> RegisterGraduateAsync(GraduateRegistered graduate, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graduate);
        var key = new GraduateKey(graduate.InstitutionId, graduate.CohortYear, graduate.GraduateId);
        lock (gate)
        {
            // A copy: the caller's list must not change the roster afterwards.
            return Task.FromResult(AddOnce(graduates, key, graduate with { Disadvantaged = [.. graduate.Disadvantaged] }, fingerprint));
        }
    }

    public Task<StoreOutcome> WithdrawGraduateAsync(GraduateWithdrawn withdrawal, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(withdrawal);
        var key = new GraduateKey(withdrawal.InstitutionId, withdrawal.CohortYear, withdrawal.GraduateId);
        lock (gate)
        {
            return Task.FromResult(AddOnce(withdrawals, key, withdrawal, fingerprint));
        }
    }

    public Task<StoreOutcome> RecordDestinationAsync(GraduateDestinationReported report, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (gate)
        {
            return Task.FromResult(AddOnce(reports, (report.InstitutionId, report.ReportId), report, fingerprint));
        }
    }

    public Task<CohortFacts> GetCohortAsync(string institutionId, int cohortYear, CancellationToken cancellationToken)
    {
        bool InCohort(GraduateKey key) => key.InstitutionId == institutionId && key.CohortYear == cohortYear;

        lock (gate)
        {
            var facts = new CohortFacts(
                [
                    .. graduates.Where(entry => InCohort(entry.Key))
                        .OrderBy(entry => entry.Key.GraduateId, StringComparer.Ordinal)
                        .Select(entry => new GraduateFact(entry.Key.GraduateId, entry.Value.Item.UnitCode, entry.Value.Item.Disadvantaged)),
                ],
                withdrawals.Keys.Where(InCohort).Select(key => key.GraduateId).ToHashSet(StringComparer.Ordinal),
                [
                    .. reports.Values
                        .Select(stored => stored.Item)
                        .Where(report => report.InstitutionId == institutionId && report.CohortYear == cohortYear)
                        .OrderBy(report => report.ReportId, StringComparer.Ordinal)
                        .Select(report => new DestinationFact(report.ReportId, report.GraduateId, report.Destination, report.EffectiveOn, report.ReportedAt)),
                ]);
            return Task.FromResult(facts);
        }
    }

    public Task<AlertState?> GetStateAsync(string targetId, string scopeKey, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(states.GetValueOrDefault((targetId, scopeKey)));
        }
    }

    public Task<IReadOnlyList<AlertState>> GetStatesAsync(IReadOnlyCollection<string> targetIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targetIds);
        var wanted = targetIds.ToHashSet(StringComparer.Ordinal);
        lock (gate)
        {
            IReadOnlyList<AlertState> found =
            [
                .. states.Values
                    .Where(state => wanted.Contains(state.TargetId))
                    .OrderBy(state => state.TargetId, StringComparer.Ordinal)
                    .ThenBy(state => state.ScopeKey, StringComparer.Ordinal),
            ];
            return Task.FromResult(found);
        }
    }

    public async Task<IAsyncDisposable> LockTargetAsync(string targetId, CancellationToken cancellationToken)
    {
        var gate = targetLocks.GetOrAdd(targetId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    /// <inheritdoc />
    /// <remarks>The saved state's version is <c>state.Version</c>, which must be <paramref name="expectedVersion"/> + 1.</remarks>
    public Task<bool> TrySaveAsync(AlertState state, long expectedVersion, TargetStatusChanged? alert, CancellationToken cancellationToken) =>
        TrySaveAllAsync([new StateSave(state, expectedVersion)], alert, cancellationToken);

    public Task<bool> TrySaveAllAsync(IReadOnlyList<StateSave> saves, TargetStatusChanged? alert, CancellationToken cancellationToken)
    {
        StoreRules.EnsureSavable(saves, alert);
        var payload = alert is null ? null : StoreJson.Serialize(alert);
        lock (gate)
        {
            foreach (var save in saves)
            {
                var storedVersion = states.TryGetValue((save.State.TargetId, save.State.ScopeKey), out var stored) ? stored.Version : 0;
                if (storedVersion != save.ExpectedVersion)
                {
                    return Task.FromResult(false);
                }
            }

            foreach (var save in saves)
            {
                states[(save.State.TargetId, save.State.ScopeKey)] = save.State;
            }

            if (alert is not null)
            {
                outbox.TryAdd(alert.AlertId, new OutboxEntry(alert.AlertId, alert.TargetId, payload!, timeProvider.GetUtcNow()));
            }

            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Like SKIP LOCKED: a batch is claimed under the lock, so concurrent relays take different alerts. When
    /// <c>publish</c> fails, the whole batch stays unpublished and is published again later (at least once).
    /// </remarks>
    public async Task<int> RelayAsync(Func<TargetStatusChanged, CancellationToken, Task> publish, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);

        List<OutboxEntry> batch;
        lock (gate)
        {
            batch = [.. Ordered(outbox.Values.Where(entry => entry.PublishedAt is null && !entry.Claimed)).Take(batchSize)];
            batch.ForEach(entry => entry.Claimed = true);
        }

        try
        {
            foreach (var entry in batch)
            {
                await publish(StoreJson.Deserialize(entry.Payload), cancellationToken);
            }

            lock (gate)
            {
                var publishedAt = timeProvider.GetUtcNow();
                batch.ForEach(entry => entry.PublishedAt = publishedAt);
            }
        }
        finally
        {
            lock (gate)
            {
                batch.ForEach(entry => entry.Claimed = false);
            }
        }

        return batch.Count;
    }

    public Task<IReadOnlyList<TargetStatusChanged>> GetAlertsAsync(string targetId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<TargetStatusChanged> alerts =
                [.. Ordered(outbox.Values.Where(entry => entry.TargetId == targetId)).Select(entry => StoreJson.Deserialize(entry.Payload))];
            return Task.FromResult(alerts);
        }
    }

    private static StoreOutcome AddOnce<TKey, T>(Dictionary<TKey, Stored<T>> items, TKey key, T item, string fingerprint)
        where TKey : notnull
    {
        if (items.TryGetValue(key, out var stored))
        {
            return StoreRules.CompareFingerprints(stored.Fingerprint, fingerprint);
        }

        items.Add(key, new Stored<T>(item, fingerprint));
        return StoreOutcome.Accepted;
    }

    // Guid order equals PostgreSQL's uuid order (both compare the canonical text form's bytes left to right).
    private static IEnumerable<OutboxEntry> Ordered(IEnumerable<OutboxEntry> entries) =>
        entries.OrderBy(entry => entry.CreatedAt).ThenBy(entry => entry.AlertId);

    private sealed record Stored<T>(T Item, string Fingerprint);

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }

    private readonly record struct GraduateKey(string InstitutionId, int CohortYear, string GraduateId);

    private sealed class OutboxEntry(Guid alertId, string targetId, string payload, DateTimeOffset createdAt)
    {
        public Guid AlertId { get; } = alertId;

        public string TargetId { get; } = targetId;

        public string Payload { get; } = payload;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public DateTimeOffset? PublishedAt { get; set; }

        // Held by a running relay.
        public bool Claimed { get; set; }
    }
}
