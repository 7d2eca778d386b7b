using Monitor.Worker.Inbound;
using Npgsql;

namespace Monitor.Worker.Storage;

/// <summary>
/// How every inbound event is kept once per producer id: an <c>INSERT … ON CONFLICT DO NOTHING</c>, and when the row
/// was there already, its stored fingerprint tells a redelivery (<see cref="StoreOutcome.Duplicate"/>) from a
/// conflicting reuse of the id (<see cref="StoreOutcome.Conflict"/>).
/// </summary>
public static class InsertOnce
{
    /// <param name="dataSource">The database.</param>
    /// <param name="insert">The insert, with <c>ON CONFLICT DO NOTHING</c>.</param>
    /// <param name="fingerprintQuery">Reads the stored row's fingerprint by its key.</param>
    /// <param name="key">The key's parameters for <paramref name="fingerprintQuery"/>.</param>
    /// <param name="fingerprint">The fingerprint of the event being stored.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static async Task<StoreOutcome> ExecuteAsync(
        NpgsqlDataSource dataSource, NpgsqlCommand insert, string fingerprintQuery, NpgsqlParameter[] key, string fingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(insert);
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return StoreOutcome.Accepted;
        }

        // A separate statement, so it sees the row a concurrent writer committed while the insert waited on it.
        await using var read = dataSource.CreateCommand(fingerprintQuery);
        read.Parameters.AddRange(key);
        return Fingerprint.Compare((string?)await read.ExecuteScalarAsync(cancellationToken), fingerprint);
    }
}

/// <summary>The in-memory counterpart of <see cref="InsertOnce"/>: items kept once per key with their fingerprint.</summary>
public sealed class FingerprintedItems<TKey, T>
    where TKey : notnull
{
    private readonly Dictionary<TKey, (T Item, string Fingerprint)> items = [];

    public IEnumerable<KeyValuePair<TKey, T>> All => items.Select(entry => KeyValuePair.Create(entry.Key, entry.Value.Item));

    public IEnumerable<T> Values => items.Values.Select(entry => entry.Item);

    public IEnumerable<TKey> Keys => items.Keys;

    /// <summary>The item kept under <paramref name="key"/>, if any.</summary>
    public T? Get(TKey key) => items.TryGetValue(key, out var stored) ? stored.Item : default;

    /// <summary>Removes the items whose keys match; returns how many. Not thread-safe, as <see cref="Add"/>.</summary>
    public int RemoveWhere(Func<TKey, bool> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var removed = items.Keys.Where(match).ToList();
        foreach (var key in removed)
        {
            items.Remove(key);
        }

        return removed.Count;
    }

    /// <summary>Not thread-safe: the caller holds its store's lock.</summary>
    public StoreOutcome Add(TKey key, T item, string fingerprint)
    {
        if (items.TryGetValue(key, out var stored))
        {
            return Fingerprint.Compare(stored.Fingerprint, fingerprint);
        }

        items.Add(key, (item, fingerprint));
        return StoreOutcome.Accepted;
    }
}
