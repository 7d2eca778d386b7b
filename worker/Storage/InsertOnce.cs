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

    /// <summary>
    /// The same promise for a batch, with one <c>INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING RETURNING key</c>
    /// and one commit: an event is <see cref="StoreOutcome.Accepted"/> when its row was inserted, and for an id seen before
    /// (stored earlier, or earlier in the same batch) its fingerprint is compared with the first version's — read back,
    /// in a second statement, only for the ids that were there already. Rows are inserted in key order, so two batches
    /// writing the same ids at once wait for each other instead of deadlocking.
    /// </summary>
    /// <param name="keys">Each event's key, in the batch's order.</param>
    /// <param name="fingerprints">Each event's fingerprint, in the batch's order.</param>
    /// <param name="insert">The insert of the events in the given order (positions in the batch), returning the keys of the inserted rows.</param>
    /// <param name="readKey">Reads a key from the insert's or the fingerprint query's first columns.</param>
    /// <param name="storedFingerprints">Reads the key columns and then the fingerprint of the stored rows with these keys.</param>
    /// <param name="order">The order rows are inserted in.</param>
    public static async Task<IReadOnlyList<StoreOutcome>> ExecuteBatchAsync<TKey>(
        IReadOnlyList<TKey> keys,
        IReadOnlyList<string> fingerprints,
        Func<int[], NpgsqlCommand> insert,
        Func<NpgsqlDataReader, TKey> readKey,
        Func<IReadOnlyList<TKey>, NpgsqlCommand> storedFingerprints,
        IComparer<TKey> order,
        CancellationToken cancellationToken)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(fingerprints);
        ArgumentNullException.ThrowIfNull(insert);
        ArgumentNullException.ThrowIfNull(readKey);
        ArgumentNullException.ThrowIfNull(storedFingerprints);
        if (keys.Count == 0)
        {
            return [];
        }

        // Stable: of two events with one key, the first in the batch is inserted and the second compared with it.
        var insertOrder = Enumerable.Range(0, keys.Count).OrderBy(i => keys[i], order).ToArray();
        var inserted = new HashSet<TKey>();
        await using (var command = insert(insertOrder))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                inserted.Add(readKey(reader));
            }
        }

        var outcomes = new StoreOutcome[keys.Count];
        var first = new Dictionary<TKey, int>();
        var seenBefore = new List<int>();
        for (var i = 0; i < keys.Count; i++)
        {
            var isFirst = first.TryAdd(keys[i], i);
            if (!inserted.Contains(keys[i]))
            {
                seenBefore.Add(i);
            }
            else
            {
                outcomes[i] = isFirst ? StoreOutcome.Accepted : Fingerprint.Compare(fingerprints[first[keys[i]]], fingerprints[i]);
            }
        }

        if (seenBefore.Count > 0)
        {
            // A separate statement, so it sees the rows a concurrent writer committed while the insert waited on them.
            var stored = new Dictionary<TKey, string>();
            await using var read = storedFingerprints([.. seenBefore.Select(i => keys[i]).Distinct()]);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[readKey(reader)] = reader.GetString(reader.FieldCount - 1);
            }

            foreach (var i in seenBefore)
            {
                outcomes[i] = Fingerprint.Compare(stored.GetValueOrDefault(keys[i]), fingerprints[i]);
            }
        }

        return outcomes;
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
