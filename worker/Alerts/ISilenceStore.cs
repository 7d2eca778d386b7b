namespace Monitor.Worker.Alerts;

/// <summary>The silences (静默) set with <c>silence add</c>: kept, listed and removed, never deleted.</summary>
public interface ISilenceStore
{
    /// <summary>Keeps a new silence and returns it with its id.</summary>
    Task<Silence> AddAsync(NewSilence silence, CancellationToken cancellationToken);

    /// <summary>The silences in force at <paramref name="now"/> (not removed, not ended), by id.</summary>
    Task<IReadOnlyList<Silence>> GetActiveAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every silence ever set, ended and removed ones included, by id.</summary>
    Task<IReadOnlyList<Silence>> GetAllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Ends a silence now, recording who did it; null when there is no silence with that id. A silence removed before
    /// stays as it was (the first removal is kept).
    /// </summary>
    Task<Silence?> RemoveAsync(long id, string removedBy, CancellationToken cancellationToken);
}
