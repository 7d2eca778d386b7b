using Npgsql;
using static Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.History;

/// <summary>The daily figures in the history table (seeds/sql/021_history.sql): one row per target, scope and local day.</summary>
public sealed class PostgresHistoryStore(NpgsqlDataSource dataSource) : IHistoryStore
{
    public async Task SaveAsync(IReadOnlyCollection<HistoryEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);

        // One statement cannot update a row twice: the batch's own duplicates are settled here by the same rule.
        var rows = entries
            .GroupBy(e => (e.Snapshot.TargetId, e.Snapshot.InstitutionId, e.UnitKey, e.Day))
            .Select(g => g.Aggregate((kept, next) => next.Replaces(kept) ? next : kept))
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO history (target_id, institution_id, unit_code, day, evaluated_at, backfilled, snapshot)
            SELECT target_id, institution_id, unit_code, day, evaluated_at, backfilled, snapshot::jsonb
            FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::timestamptz[], $6::boolean[], $7::text[])
                AS r (target_id, institution_id, unit_code, day, evaluated_at, backfilled, snapshot)
            ON CONFLICT (target_id, institution_id, unit_code, day) DO UPDATE
            SET evaluated_at = excluded.evaluated_at, backfilled = excluded.backfilled, snapshot = excluded.snapshot
            WHERE (history.backfilled AND NOT excluded.backfilled)
               OR (history.backfilled = excluded.backfilled AND excluded.evaluated_at >= history.evaluated_at)
            """);
        command.Parameters.Add(Value(rows.Select(r => r.Snapshot.TargetId).ToArray()));
        command.Parameters.Add(Value(rows.Select(r => r.Snapshot.InstitutionId).ToArray()));
        command.Parameters.Add(Value(rows.Select(r => r.UnitKey).ToArray()));
        command.Parameters.Add(Value(rows.Select(r => r.Day).ToArray()));
        command.Parameters.Add(Value(rows.Select(r => r.Snapshot.EvaluatedAt.ToUniversalTime()).ToArray()));
        command.Parameters.Add(Value(rows.Select(r => r.Backfilled).ToArray()));
        command.Parameters.Add(Value(rows.Select(r => HistoryJson.Serialize(r.Snapshot)).ToArray()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<HistoryEntry>> GetSeriesAsync(string targetId, string? unitCode, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT day, backfilled, snapshot FROM history
            WHERE target_id = $1 AND unit_code = $2 AND day BETWEEN $3 AND $4
            ORDER BY day
            """);
        command.Parameters.Add(Text(targetId));
        command.Parameters.Add(Text(unitCode ?? string.Empty));
        command.Parameters.Add(Value(first));
        command.Parameters.Add(Value(last));
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<HistoryEntry>> GetLatestAsync(string targetId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT DISTINCT ON (unit_code) day, backfilled, snapshot FROM history
            WHERE target_id = $1
            ORDER BY unit_code, day DESC
            """);
        command.Parameters.Add(Text(targetId));
        var rows = await ReadAsync(command, cancellationToken);

        // The database's collation may order codes otherwise; the institution ("") comes first either way.
        return [.. rows.OrderBy(r => r.UnitKey, StringComparer.Ordinal)];
    }

    public async Task<int> PruneAsync(DateOnly before, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM history WHERE day < $1");
        command.Parameters.Add(Value(before));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<HistoryEntry>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<HistoryEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new HistoryEntry(reader.GetFieldValue<DateOnly>(0), HistoryJson.Deserialize(reader.GetString(2))) { Backfilled = reader.GetBoolean(1) });
        }

        return rows;
    }
}
