using System.Collections.Concurrent;
using Monitor.Messages;

namespace Monitor.Worker.Alerts;

/// <summary>
/// The embedded default: the same semantics as <see cref="PostgresAlertStore"/>, in process memory and lost on restart.
/// Outbox alerts are kept as their JSON payload, as in PostgreSQL.
/// </summary>
/// <remarks>
/// Version rule of <see cref="TrySaveAsync"/>: the caller passes the version it read as <c>expectedVersion</c> (0 when
/// there was no state) and the state to save with <c>Version = expectedVersion + 1</c>; that version is stored as is.
/// Any other combination is a caller error (<see cref="ArgumentException"/>).
/// </remarks>
public sealed class InMemoryAlertStore(TimeProvider timeProvider) : IAlertStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string TargetId, string ScopeKey), AlertState> states = [];
    private readonly Dictionary<Guid, OutboxEntry> outbox = [];
    private readonly ConcurrentDictionary<string, SemaphoreSlim> targetLocks = new(StringComparer.Ordinal);

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

    public async Task<IAsyncDisposable> LockTargetsAsync(IReadOnlyCollection<string> targetIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targetIds);
        var held = new Release([]);
        try
        {
            foreach (var targetId in targetIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var gate = targetLocks.GetOrAdd(targetId, _ => new SemaphoreSlim(1, 1));
                await gate.WaitAsync(cancellationToken);
                held.Gates.Add(gate);
            }

            return held;
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>The saved state's version is <c>state.Version</c>, which must be <paramref name="expectedVersion"/> + 1.</remarks>
    public Task<bool> TrySaveAsync(AlertState state, long expectedVersion, TargetStatusChanged? alert, CancellationToken cancellationToken) =>
        TrySaveAllAsync([new StateSave(state, expectedVersion, alert)], cancellationToken);

    /// <inheritdoc />
    public Task<bool> TrySaveAllAsync(IReadOnlyList<StateSave> saves, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(saves);
        foreach (var save in saves)
        {
            AlertSaveRules.EnsureSavable(save.State, save.ExpectedVersion, save.Alert);
        }

        var payloads = saves.Select(save => save.Alert is null ? null : AlertJson.Serialize(save.Alert)).ToList();
        lock (gate)
        {
            if (saves.Any(save => (states.TryGetValue((save.State.TargetId, save.State.ScopeKey), out var stored) ? stored.Version : 0) != save.ExpectedVersion))
            {
                return Task.FromResult(false);
            }

            var createdAt = timeProvider.GetUtcNow();
            for (var i = 0; i < saves.Count; i++)
            {
                var (state, _, alert) = saves[i];
                states[(state.TargetId, state.ScopeKey)] = state;
                if (alert is not null)
                {
                    outbox.TryAdd(alert.AlertId, new OutboxEntry(alert.AlertId, alert.TargetId, payloads[i]!, createdAt));
                }
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
            await OutboxPublishing.PublishAsync(batch.Select(entry => AlertJson.Deserialize(entry.Payload)), publish, cancellationToken);

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
                [.. Ordered(outbox.Values.Where(entry => entry.TargetId == targetId)).Select(entry => AlertJson.Deserialize(entry.Payload))];
            return Task.FromResult(alerts);
        }
    }

    public Task<long> CountUnpublishedAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult((long)outbox.Values.Count(entry => entry.PublishedAt is null));
        }
    }

    // Guid order equals PostgreSQL's uuid order (both compare the canonical text form's bytes left to right).
    private static IEnumerable<OutboxEntry> Ordered(IEnumerable<OutboxEntry> entries) =>
        entries.OrderBy(entry => entry.CreatedAt).ThenBy(entry => entry.AlertId);

    private sealed class Release(List<SemaphoreSlim> gates) : IAsyncDisposable
    {
        public List<SemaphoreSlim> Gates { get; } = gates;

        public ValueTask DisposeAsync()
        {
            Gates.ForEach(gate => gate.Release());
            return ValueTask.CompletedTask;
        }
    }

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
