using Monitor.Messages;
using Monitor.Worker.Telemetry;
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

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<HistoryEntry>>> GetLatestAsync(IReadOnlyCollection<string> targetIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targetIds);
        var ids = targetIds.Distinct(StringComparer.Ordinal).ToArray();
        var rows = new List<HistoryEntry>();
        if (ids.Length > 0)
        {
            await using var command = dataSource.CreateCommand(
                $"""
                {NewestOfEveryScope(withUnits: true)}
                SELECT newest.day, newest.backfilled, newest.snapshot FROM scope
                CROSS JOIN LATERAL (
                    SELECT h.day, h.backfilled, h.snapshot FROM history h
                    WHERE h.target_id = scope.target_id AND h.institution_id = scope.institution_id AND h.unit_code = scope.unit_code
                    ORDER BY h.day DESC LIMIT 1) AS newest
                """);
            command.Parameters.Add(Value(ids));
            rows.AddRange(await ReadAsync(command, cancellationToken));
        }

        // The database's collation may order codes otherwise; the institution ("") comes first either way.
        var byTarget = rows.ToLookup(r => r.Snapshot.TargetId, StringComparer.Ordinal);
        return ids.ToDictionary(
            id => id,
            id => (IReadOnlyList<HistoryEntry>)[.. byTarget[id].OrderBy(r => r.UnitKey, StringComparer.Ordinal)],
            StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<ScopeFigures>> GetLatestFiguresAsync(IReadOnlyCollection<string> targetIds, bool withUnits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targetIds);
        var figures = new List<ScopeFigures>();
        if (targetIds.Count == 0)
        {
            return figures;
        }

        await using var command = dataSource.CreateCommand(
            $"""
            {NewestOfEveryScope(withUnits)}
            SELECT scope.target_id, scope.institution_id, scope.unit_code, newest.actual, newest.expected_by_now, newest.threshold, newest.status
            FROM scope
            CROSS JOIN LATERAL (
                SELECT h.actual, h.expected_by_now, h.threshold, h.status FROM history h
                WHERE h.target_id = scope.target_id AND h.institution_id = scope.institution_id AND h.unit_code = scope.unit_code
                ORDER BY h.day DESC LIMIT 1) AS newest
            """);
        command.Parameters.Add(Value(targetIds.Distinct(StringComparer.Ordinal).ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            figures.Add(new ScopeFigures(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2) is { Length: > 0 } unitCode ? unitCode : null,
                reader.GetDecimal(3),
                reader.IsDBNull(4) ? null : reader.GetDecimal(4),
                reader.GetDecimal(5),
                Enum.Parse<TargetStatus>(reader.GetString(6))));
        }

        return figures;
    }

    public async Task<int> PruneAsync(DateOnly before, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM history WHERE day < $1");
        command.Parameters.Add(Value(before));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The scopes of the targets in <c>$1</c> (<c>scope</c>: target, institution, unit code), without the units unless
    /// <paramref name="withUnits"/>. A DISTINCT ON over the targets would read (or sort) every day kept, 800 by default;
    /// this walks the primary key instead: each target's scopes one after the other (PostgreSQL 15 has no skip scan of its
    /// own), an index probe a scope however long the history, and the caller's lateral join another for its newest day.
    /// Without the units it steps from institution to institution, over their units' rows.
    /// </summary>
    private static string NewestOfEveryScope(bool withUnits)
    {
        var (only, after) = withUnits
            ? (string.Empty, "(h.institution_id, h.unit_code) > (scope.institution_id, scope.unit_code)")
            : ("AND h.unit_code = ''", "h.institution_id > scope.institution_id");
        return $"""
            WITH RECURSIVE scope AS (
                SELECT first.* FROM unnest($1::text[]) AS wanted (target_id)
                CROSS JOIN LATERAL (
                    SELECT h.target_id, h.institution_id, h.unit_code FROM history h
                    WHERE h.target_id = wanted.target_id {only}
                    ORDER BY h.institution_id, h.unit_code LIMIT 1) AS first
                UNION ALL
                SELECT next.* FROM scope
                CROSS JOIN LATERAL (
                    SELECT h.target_id, h.institution_id, h.unit_code FROM history h
                    WHERE h.target_id = scope.target_id AND {after} {only}
                    ORDER BY h.institution_id, h.unit_code LIMIT 1) AS next
            )
            """;
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
