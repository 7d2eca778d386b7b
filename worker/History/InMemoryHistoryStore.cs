using Monitor.Worker.Telemetry;

namespace Monitor.Worker.History;

/// <summary>The embedded default: the daily figures in process memory, by the same rules as the history table.</summary>
public sealed class InMemoryHistoryStore : IHistoryStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string TargetId, string InstitutionId, string UnitKey, DateOnly Day), HistoryEntry> rows = [];

    public Task SaveAsync(IReadOnlyCollection<HistoryEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (gate)
        {
            foreach (var entry in entries)
            {
                var key = Key(entry);
                if (!rows.TryGetValue(key, out var stored) || entry.Replaces(stored))
                {
                    rows[key] = entry;
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HistoryEntry>> GetSeriesAsync(string targetId, string? unitCode, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var unitKey = unitCode ?? string.Empty;
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<HistoryEntry>>(
            [
                .. rows.Where(r => r.Key.TargetId == targetId && r.Key.UnitKey == unitKey && r.Key.Day >= first && r.Key.Day <= last)
                    .OrderBy(r => r.Key.Day)
                    .Select(r => r.Value),
            ]);
        }
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyList<HistoryEntry>>> GetLatestAsync(IReadOnlyCollection<string> targetIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targetIds);
        var wanted = targetIds.ToHashSet(StringComparer.Ordinal);
        lock (gate)
        {
            var found = rows.Where(r => wanted.Contains(r.Key.TargetId)).ToLookup(r => r.Key.TargetId, StringComparer.Ordinal);
            return Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<HistoryEntry>>>(wanted.ToDictionary(
                id => id,
                id => (IReadOnlyList<HistoryEntry>)
                [
                    .. found[id]
                        .GroupBy(r => r.Key.UnitKey, StringComparer.Ordinal)
                        .OrderBy(g => g.Key, StringComparer.Ordinal)
                        .Select(g => g.MaxBy(r => r.Key.Day).Value),
                ],
                StringComparer.Ordinal));
        }
    }

    public async Task<IReadOnlyList<ScopeFigures>> GetLatestFiguresAsync(IReadOnlyCollection<string> targetIds, bool withUnits, CancellationToken cancellationToken)
    {
        var latest = await GetLatestAsync(targetIds, cancellationToken);
        return [.. latest.Values.SelectMany(rows => rows).Where(r => withUnits || r.Snapshot.UnitCode is null).Select(r => ScopeFigures.Of(r.Snapshot))];
    }

    public Task<int> PruneAsync(DateOnly before, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var old = rows.Keys.Where(k => k.Day < before).ToList();
            old.ForEach(k => rows.Remove(k));
            return Task.FromResult(old.Count);
        }
    }

    private static (string, string, string, DateOnly) Key(HistoryEntry entry) =>
        (entry.Snapshot.TargetId, entry.Snapshot.InstitutionId, entry.UnitKey, entry.Day);
}
