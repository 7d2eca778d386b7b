namespace Monitor.Worker.Visits;

public static class VisitStoreExtensions
{
    /// <summary>The institution's visits on dates from <paramref name="firstDay"/> to <paramref name="lastDay"/> (inclusive) that are not cancelled.</summary>
    public static async Task<IReadOnlyList<VisitFact>> GetActiveVisitsAsync(
        this IVisitStore store, string institutionId, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return (await store.GetActiveVisitsAsync([institutionId], firstDay, lastDay, cancellationToken))[institutionId];
    }
}
