namespace Monitor.Worker.History;

/// <summary>
/// Deletes the rows older than <see cref="HistoryOptions.KeepDays"/>, at most once a (UTC) day per worker: the evaluation
/// job asks after every run, and all but the first ask of a day return at once. Replicas each prune once a day; the
/// deletion is the same whoever runs it.
/// </summary>
public sealed partial class HistoryRetention(IHistoryStore history, HistoryOptions options, TimeProvider clock, ILogger<HistoryRetention> logger)
{
    private readonly Lock gate = new();
    private DateOnly? prunedOn;

    /// <summary>Prunes if it has not yet today; returns the rows deleted (0 when not due or when the history is kept forever).</summary>
    public async Task<int> PruneIfDueAsync(CancellationToken cancellationToken)
    {
        if (options.KeepDays == 0)
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        lock (gate)
        {
            if (prunedOn == today)
            {
                return 0;
            }
        }

        var before = today.AddDays(-options.KeepDays);
        var deleted = await history.PruneAsync(before, cancellationToken);
        lock (gate)
        {
            prunedOn = today;
        }

        LogPruned(logger, deleted, before, options.KeepDays);
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "History: deleted {Rows} daily rows before {Before} (Monitor:History:KeepDays = {KeepDays})")]
    private static partial void LogPruned(ILogger logger, int rows, DateOnly before, int keepDays);
}
