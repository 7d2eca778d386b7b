using Monitor.Messages;

namespace Monitor.Worker.Alerts;

/// <summary>Alert state per target and scope, and the outbox of alerts to publish.</summary>
public interface IAlertStore
{
    /// <summary>The stored state of a target in a scope, or null before its first evaluation.</summary>
    Task<AlertState?> GetStateAsync(string targetId, string scopeKey, CancellationToken cancellationToken);

    /// <summary>All stored states of the given targets (for digests and status boards).</summary>
    Task<IReadOnlyList<AlertState>> GetStatesAsync(IReadOnlyCollection<string> targetIds, CancellationToken cancellationToken);

    /// <summary>
    /// Saves <paramref name="state"/> if the stored version is still <paramref name="expectedVersion"/> (0 when there was
    /// none) and, in the same transaction, adds <paramref name="alert"/> to the outbox (once per AlertId).
    /// Returns false when another evaluation saved first; the caller reloads and decides again.
    /// </summary>
    Task<bool> TrySaveAsync(AlertState state, long expectedVersion, TargetStatusChanged? alert, CancellationToken cancellationToken);

    /// <summary>
    /// Saves several states, each as <see cref="TrySaveAsync"/> would, in one transaction: all of them with their alerts,
    /// or — when another evaluation saved any of them first — none, and false; the caller reloads and decides again.
    /// </summary>
    Task<bool> TrySaveAllAsync(IReadOnlyList<StateSave> saves, CancellationToken cancellationToken);

    /// <summary>
    /// Holds the targets for one evaluation until the returned handle is disposed: evaluations of the same target — by
    /// this worker's jobs, an EvaluationRequested message or another replica — run one after another instead of
    /// deciding the same states twice. The targets are taken in one fixed order, so two evaluations holding overlapping
    /// sets never wait on each other in a circle.
    /// </summary>
    Task<IAsyncDisposable> LockTargetsAsync(IReadOnlyCollection<string> targetIds, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes outbox alerts not yet published, oldest first, and marks them once <paramref name="publish"/> has
    /// returned for each: the alerts of one target in one scope in the order they were raised, different scopes side by
    /// side. Safe to run in several replicas at once: each row is handed to one of them.
    /// </summary>
    Task<int> RelayAsync(Func<TargetStatusChanged, CancellationToken, Task> publish, int batchSize, CancellationToken cancellationToken);

    /// <summary>Every alert ever stored for a target, oldest first (for history and tests).</summary>
    Task<IReadOnlyList<TargetStatusChanged>> GetAlertsAsync(string targetId, CancellationToken cancellationToken);

    /// <summary>How many outbox alerts are not yet published (the relay's backlog).</summary>
    Task<long> CountUnpublishedAsync(CancellationToken cancellationToken);
}

/// <summary>A state to save if the stored version is still <paramref name="ExpectedVersion"/> (0 when there was none), with its alert, if any.</summary>
public sealed record StateSave(AlertState State, long ExpectedVersion, TargetStatusChanged? Alert);

/// <summary>
/// What has been announced for a target in a scope, and the condition being watched.
/// </summary>
/// <param name="TargetId">The target.</param>
/// <param name="ScopeKey">"institution" or "institution/unit".</param>
/// <param name="Status">The status last announced (or recorded silently on a first, quiet evaluation).</param>
/// <param name="StatusSince">When that status began.</param>
/// <param name="Transitions">How many status changes have been announced; part of each AlertId.</param>
/// <param name="Reminders">How many reminders since the last change; part of each reminder's AlertId.</param>
/// <param name="LastNotifiedAt">When the last alert (change or reminder) for this scope was raised, if any.</param>
/// <param name="CandidateStatus">A worse status seen but not yet held for the minimum time, if any.</param>
/// <param name="CandidateSince">Since when the candidate has held.</param>
/// <param name="LastActual">The value at the last evaluation.</param>
/// <param name="LastEvaluatedAt">When the last evaluation ran.</param>
/// <param name="Version">Optimistic concurrency version, incremented on every save.</param>
public sealed record AlertState(
    string TargetId,
    string ScopeKey,
    TargetStatus Status,
    DateTimeOffset StatusSince,
    int Transitions,
    int Reminders,
    DateTimeOffset? LastNotifiedAt,
    TargetStatus? CandidateStatus,
    DateTimeOffset? CandidateSince,
    decimal LastActual,
    DateTimeOffset LastEvaluatedAt,
    long Version)
{
    /// <summary>The status announced before <see cref="Status"/> (null before the first change): what the scope stood at until <see cref="StatusSince"/>.</summary>
    public TargetStatus? PreviousStatus { get; init; }

    /// <summary>A measured rate's final figures, written once when its books close and never changed afterwards.</summary>
    public FinalFigures? Final { get; init; }

    /// <summary>The status announced just before <paramref name="startOfToday"/> (the end of yesterday), as the digest compares it.</summary>
    public TargetStatus? AnnouncedBefore(DateTimeOffset startOfToday) => StatusSince < startOfToday ? Status : PreviousStatus;
}

/// <summary>A measured rate's final figures: placed graduates, graduates counted, the rate, and when the books closed.</summary>
public sealed record FinalFigures(int Numerator, int Denominator, decimal Actual, DateTimeOffset ClosedAt);
