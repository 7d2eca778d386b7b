namespace Monitor.Worker.History;

public static class HistoryStoreExtensions
{
    /// <summary>The newest row of every scope of one target: the institution first, then its units by code (ordinal).</summary>
    public static async Task<IReadOnlyList<HistoryEntry>> GetLatestAsync(this IHistoryStore store, string targetId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return (await store.GetLatestAsync([targetId], cancellationToken))[targetId];
    }
}
