namespace Monitor.Worker.Inbound;

/// <summary>Tells an unreachable store from a failing operation, for <see cref="StoreGate"/>.</summary>
public interface IStoreProbe
{
    /// <summary>Whether the store answers a trivial query on a fresh connection now.</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);

    /// <summary>Whether the same operation may well succeed if tried again (a serialization failure, a deadlock, a time-out).</summary>
    bool IsTransient(Exception exception);

    /// <summary>Called once the store answers again: drop connections opened before the outage.</summary>
    void Recovered();
}
