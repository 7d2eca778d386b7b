using Monitor.Messages;
using Npgsql;
using static Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Alerts;

/// <summary>
/// Alert state and the outbox on PostgreSQL (tables alert_state and alerts). A state and its alert are saved in one
/// transaction; the alerts table is the outbox the relay publishes from.
/// </summary>
/// <remarks>
/// Version rule of <see cref="TrySaveAsync"/>: the caller passes the version it read as <c>expectedVersion</c> (0 when
/// there was none) and the state to save with <c>Version = expectedVersion + 1</c>; that version is stored as is.
/// Any other combination is a caller error (<see cref="ArgumentException"/>).
/// Timestamps are stored to the microsecond, as PostgreSQL keeps them.
/// </remarks>
public sealed class PostgresAlertStore(NpgsqlDataSource dataSource, TimeProvider timeProvider) : IAlertStore
{
    public async Task<AlertState?> GetStateAsync(string targetId, string scopeKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {StateColumns} FROM alert_state
            WHERE target_id = $1 AND scope_key = $2
            """);
        command.Parameters.Add(Text(targetId));
        command.Parameters.Add(Text(scopeKey));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadState(reader) : null;
    }

    public async Task<IReadOnlyList<AlertState>> GetStatesAsync(IReadOnlyCollection<string> targetIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targetIds);
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {StateColumns} FROM alert_state
            WHERE target_id = ANY($1)
            ORDER BY target_id COLLATE "C", scope_key COLLATE "C"
            """);
        command.Parameters.Add(Value(targetIds.ToArray()));

        var states = new List<AlertState>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(ReadState(reader));
        }

        return states;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Session-level advisory locks on a connection of their own, taken in one round trip in the order of their keys: a
    /// worker that dies releases them with its connection.
    /// </remarks>
    public async Task<IAsyncDisposable> LockTargetsAsync(IReadOnlyCollection<string> targetIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targetIds);
        long[] keys = [.. targetIds.Distinct(StringComparer.Ordinal).Select(LockKey).Order()];
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await RunOnEachAsync(connection, "SELECT pg_advisory_lock($1)", keys, cancellationToken);
            return new AdvisoryLocks(connection, keys);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static long LockKey(string targetId) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("monitor-target|" + targetId)), 0);

    /// <summary>One statement per key, in the keys' order, in one round trip.</summary>
    private static async Task RunOnEachAsync(NpgsqlConnection connection, string sql, long[] keys, CancellationToken cancellationToken)
    {
        if (keys.Length == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection);
        foreach (var key in keys)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(Value(key));
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>The saved row's version is <c>state.Version</c>, which must be <paramref name="expectedVersion"/> + 1.</remarks>
    public Task<bool> TrySaveAsync(AlertState state, long expectedVersion, TargetStatusChanged? alert, CancellationToken cancellationToken) =>
        TrySaveAllAsync([new StateSave(state, expectedVersion, alert)], cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// One round trip and one commit for all of them: a batch of one statement per state (and per alert), each state's
    /// statement touching its row only if the version is still the expected one; any that touched none rolls all back.
    /// </remarks>
    public async Task<bool> TrySaveAllAsync(IReadOnlyList<StateSave> saves, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(saves);
        foreach (var save in saves)
        {
            AlertSaveRules.EnsureSavable(save.State, save.ExpectedVersion, save.Alert);
        }

        if (saves.Count == 0)
        {
            return true;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var stateCommands = new List<NpgsqlBatchCommand>(saves.Count);
        var createdAt = timeProvider.GetUtcNow();
        foreach (var (state, expectedVersion, alert) in saves)
        {
            var save = SaveState(state, expectedVersion);
            stateCommands.Add(save);
            batch.BatchCommands.Add(save);
            if (alert is not null)
            {
                batch.BatchCommands.Add(Enqueue(alert, createdAt));
            }
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);

        // A concurrent saver with the same expected version blocks on the row, then finds the version moved: 0 rows.
        if (stateCommands.Any(command => command.RecordsAffected != 1))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static NpgsqlBatchCommand Enqueue(TargetStatusChanged alert, DateTimeOffset createdAt)
    {
        var enqueue = new NpgsqlBatchCommand(
            """
            INSERT INTO alerts (alert_id, target_id, scope_key, payload, created_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (alert_id) DO NOTHING
            """);
        enqueue.Parameters.Add(Value(alert.AlertId));
        enqueue.Parameters.Add(Text(alert.TargetId));
        enqueue.Parameters.Add(Text(AlertSaveRules.OutboxScope(alert)));
        enqueue.Parameters.Add(Json(AlertJson.Serialize(alert)));
        enqueue.Parameters.Add(Timestamp(createdAt));
        return enqueue;
    }

    /// <summary>Inserts or updates one state if its version is still the expected one: one row affected, or none when another saver was first.</summary>
    private static NpgsqlBatchCommand SaveState(AlertState state, long expectedVersion)
    {
        var sql = expectedVersion == 0
            ? $"""
              INSERT INTO alert_state ({StateColumns})
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
              ON CONFLICT (target_id, scope_key) DO NOTHING
              """
            : """
              UPDATE alert_state
              SET status = $3, status_since = $4, transitions = $5, reminders = $6, last_notified_at = $7,
                  candidate_status = $8, candidate_since = $9, last_actual = $10, last_evaluated_at = $11, version = $12,
                  previous_status = $13, final_numerator = $14, final_denominator = $15, final_actual = $16, final_at = $17
              WHERE target_id = $1 AND scope_key = $2 AND version = $18
              """;
        var save = new NpgsqlBatchCommand(sql);
        save.Parameters.Add(Text(state.TargetId));
        save.Parameters.Add(Text(state.ScopeKey));
        save.Parameters.Add(Text(state.Status.ToString()));
        save.Parameters.Add(Timestamp(state.StatusSince));
        save.Parameters.Add(Value(state.Transitions));
        save.Parameters.Add(Value(state.Reminders));
        save.Parameters.Add(Timestamp(state.LastNotifiedAt));
        save.Parameters.Add(Text(state.CandidateStatus?.ToString()));
        save.Parameters.Add(Timestamp(state.CandidateSince));
        save.Parameters.Add(Value(state.LastActual));
        save.Parameters.Add(Timestamp(state.LastEvaluatedAt));
        save.Parameters.Add(Value(state.Version));
        save.Parameters.Add(Text(state.PreviousStatus?.ToString()));
        save.Parameters.Add(state.Final is { } final ? Value(final.Numerator) : Null(NpgsqlTypes.NpgsqlDbType.Integer));
        save.Parameters.Add(state.Final is { } f2 ? Value(f2.Denominator) : Null(NpgsqlTypes.NpgsqlDbType.Integer));
        save.Parameters.Add(state.Final is { } f3 ? Value(f3.Actual) : Null(NpgsqlTypes.NpgsqlDbType.Numeric));
        save.Parameters.Add(Timestamp(state.Final?.ClosedAt));
        if (expectedVersion != 0)
        {
            save.Parameters.Add(Value(expectedVersion));
        }

        return save;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The batch is locked with SKIP LOCKED for the whole relay, so concurrent relays take different rows. Rows are
    /// marked in the same transaction: when <c>publish</c> fails, the whole batch stays unpublished and is published
    /// again later (at least once; the AlertId lets subscribers drop repeats).
    /// </remarks>
    public async Task<int> RelayAsync(Func<TargetStatusChanged, CancellationToken, Task> publish, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var batch = new List<(Guid AlertId, string Payload)>();
        await using (var select = new NpgsqlCommand(
            """
            SELECT alert_id, payload FROM alerts
            WHERE published_at IS NULL
            ORDER BY created_at, alert_id
            LIMIT $1
            FOR UPDATE SKIP LOCKED
            """,
            connection))
        {
            select.Parameters.Add(Value(batchSize));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                batch.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        await OutboxPublishing.PublishAsync(batch.Select(row => AlertJson.Deserialize(row.Payload)), publish, cancellationToken);

        await using (var mark = new NpgsqlCommand("UPDATE alerts SET published_at = $2 WHERE alert_id = ANY($1)", connection))
        {
            mark.Parameters.Add(Value(batch.Select(row => row.AlertId).ToArray()));
            mark.Parameters.Add(Timestamp(timeProvider.GetUtcNow()));
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    public async Task<IReadOnlyList<TargetStatusChanged>> GetAlertsAsync(string targetId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT payload FROM alerts WHERE target_id = $1 ORDER BY created_at, alert_id");
        command.Parameters.Add(Text(targetId));

        var alerts = new List<TargetStatusChanged>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(AlertJson.Deserialize(reader.GetString(0)));
        }

        return alerts;
    }

    public async Task<long> CountUnpublishedAsync(CancellationToken cancellationToken)
    {
        // Served by the partial index alerts_unpublished.
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM alerts WHERE published_at IS NULL");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private const string StateColumns =
        "target_id, scope_key, status, status_since, transitions, reminders, last_notified_at, candidate_status, candidate_since, last_actual, last_evaluated_at, version, "
        + "previous_status, final_numerator, final_denominator, final_actual, final_at";

    private static AlertState ReadState(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        Enum.Parse<TargetStatus>(reader.GetString(2)),
        reader.GetFieldValue<DateTimeOffset>(3),
        reader.GetInt32(4),
        reader.GetInt32(5),
        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
        reader.IsDBNull(7) ? null : Enum.Parse<TargetStatus>(reader.GetString(7)),
        reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
        reader.GetDecimal(9),
        reader.GetFieldValue<DateTimeOffset>(10),
        reader.GetInt64(11))
    {
        PreviousStatus = reader.IsDBNull(12) ? null : Enum.Parse<TargetStatus>(reader.GetString(12)),
        Final = reader.IsDBNull(16) ? null : new FinalFigures(reader.GetInt32(13), reader.GetInt32(14), reader.GetDecimal(15), reader.GetFieldValue<DateTimeOffset>(16)),
    };

    private sealed class AdvisoryLocks(NpgsqlConnection connection, long[] keys) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await RunOnEachAsync(connection, "SELECT pg_advisory_unlock($1)", keys, CancellationToken.None);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
