using Monitor.Messages;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.Worker.Storage;

/// <summary>
/// The stores on PostgreSQL (schema: seeds/sql). Inbound events are kept once per producer id: a redelivery is a
/// <see cref="StoreOutcome.Duplicate"/>, the same id with another fingerprint a <see cref="StoreOutcome.Conflict"/>
/// (the first version is kept). Alert state and its alert are saved in one transaction; the alerts table is the outbox.
/// </summary>
/// <remarks>
/// Version rule of <see cref="TrySaveAsync"/>: the caller passes the version it read as <c>expectedVersion</c> (0 when
/// there was no state) and the state to save with <c>Version = expectedVersion + 1</c>; that version is stored as is.
/// Any other combination is a caller error (<see cref="ArgumentException"/>).
/// Timestamps are stored to the microsecond, as PostgreSQL keeps them.
/// </remarks>
public sealed class PostgresMonitorStore(NpgsqlDataSource dataSource, TimeProvider timeProvider) : IVisitStore, IPlacementStore, IAlertStore
{
    public async Task<StoreOutcome> RecordVisitAsync(EnterpriseVisitRecorded visit, string fingerprint, DateTimeOffset recordedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visit);
        await using var insert = dataSource.CreateCommand(
            """
            INSERT INTO visits (visit_id, institution_id, tier, unit_code, employer_name, employer_credit_code,
                                visited_on, mode, positions_opened, fingerprint, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (institution_id, visit_id) DO NOTHING
            """);
        insert.Parameters.Add(Text(visit.VisitId));
        insert.Parameters.Add(Text(visit.InstitutionId));
        insert.Parameters.Add(Text(visit.Tier.ToString()));
        insert.Parameters.Add(Text(visit.UnitCode));
        insert.Parameters.Add(Text(visit.EmployerName));
        insert.Parameters.Add(Text(visit.EmployerCreditCode));
        insert.Parameters.Add(Value(visit.VisitedOn));
        insert.Parameters.Add(Text(visit.Mode.ToString()));
        insert.Parameters.Add(Value(visit.PositionsOpened));
        insert.Parameters.Add(Text(fingerprint));
        insert.Parameters.Add(Timestamp(recordedAt));

        return await InsertOnceAsync(
            insert, "SELECT fingerprint FROM visits WHERE institution_id = $1 AND visit_id = $2", [Text(visit.InstitutionId), Text(visit.VisitId)], fingerprint, cancellationToken);
    }

    public async Task<StoreOutcome> CancelVisitAsync(EnterpriseVisitCancelled cancellation, DateTimeOffset cancelledAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cancellation);

        // Keyed by institution and visit id: a cancellation only ever matches a visit of its own institution, and may
        // come before it. The first cancellation of a visit is kept; another is a duplicate.
        await using var insert = dataSource.CreateCommand(
            """
            INSERT INTO visit_cancellations (visit_id, institution_id, reason, cancelled_at)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (institution_id, visit_id) DO NOTHING
            """);
        insert.Parameters.Add(Text(cancellation.VisitId));
        insert.Parameters.Add(Text(cancellation.InstitutionId));
        insert.Parameters.Add(Text(cancellation.Reason));
        insert.Parameters.Add(Timestamp(cancelledAt));
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1 ? StoreOutcome.Accepted : StoreOutcome.Duplicate;
    }

    public async Task<IReadOnlyList<VisitFact>> GetActiveVisitsAsync(string institutionId, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        // A cancellation applies only within its own institution: no institution changes another's figures.
        await using var command = dataSource.CreateCommand(
            """
            SELECT v.visit_id, v.tier, v.unit_code, v.employer_name, v.employer_credit_code, v.visited_on, v.positions_opened
            FROM visits v
            WHERE v.institution_id = $1
              AND v.visited_on BETWEEN $2 AND $3
              AND NOT EXISTS (
                  SELECT 1 FROM visit_cancellations c
                  WHERE c.visit_id = v.visit_id AND c.institution_id = v.institution_id)
            ORDER BY v.visited_on, v.visit_id COLLATE "C"
            """);
        command.Parameters.Add(Text(institutionId));
        command.Parameters.Add(Value(firstDay));
        command.Parameters.Add(Value(lastDay));

        var visits = new List<VisitFact>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            visits.Add(new VisitFact(
                reader.GetString(0),
                Enum.Parse<VisitTier>(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetFieldValue<DateOnly>(5),
                reader.GetInt32(6)));
        }

        return visits;
    }

    public async Task<StoreOutcome> RegisterGraduateAsync(GraduateRegistered graduate, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graduate);
        await using var insert = dataSource.CreateCommand(
            """
            INSERT INTO graduates (institution_id, cohort_year, graduate_id, unit_code, major, disadvantaged, fingerprint, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (institution_id, cohort_year, graduate_id) DO NOTHING
            """);
        insert.Parameters.Add(Text(graduate.InstitutionId));
        insert.Parameters.Add(Value(graduate.CohortYear));
        insert.Parameters.Add(Text(graduate.GraduateId));
        insert.Parameters.Add(Text(graduate.UnitCode));
        insert.Parameters.Add(Text(graduate.Major));
        insert.Parameters.Add(Value(graduate.Disadvantaged.ToArray()));
        insert.Parameters.Add(Text(fingerprint));
        insert.Parameters.Add(Timestamp(receivedAt));

        return await InsertOnceAsync(
            insert,
            "SELECT fingerprint FROM graduates WHERE institution_id = $1 AND cohort_year = $2 AND graduate_id = $3",
            GraduateKey(graduate.InstitutionId, graduate.CohortYear, graduate.GraduateId),
            fingerprint,
            cancellationToken);
    }

    public async Task<StoreOutcome> WithdrawGraduateAsync(GraduateWithdrawn withdrawal, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(withdrawal);
        await using var insert = dataSource.CreateCommand(
            """
            INSERT INTO graduate_withdrawals (institution_id, cohort_year, graduate_id, reason, fingerprint, received_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (institution_id, cohort_year, graduate_id) DO NOTHING
            """);
        insert.Parameters.Add(Text(withdrawal.InstitutionId));
        insert.Parameters.Add(Value(withdrawal.CohortYear));
        insert.Parameters.Add(Text(withdrawal.GraduateId));
        insert.Parameters.Add(Text(withdrawal.Reason));
        insert.Parameters.Add(Text(fingerprint));
        insert.Parameters.Add(Timestamp(receivedAt));

        return await InsertOnceAsync(
            insert,
            "SELECT fingerprint FROM graduate_withdrawals WHERE institution_id = $1 AND cohort_year = $2 AND graduate_id = $3",
            GraduateKey(withdrawal.InstitutionId, withdrawal.CohortYear, withdrawal.GraduateId),
            fingerprint,
            cancellationToken);
    }

    public async Task<StoreOutcome> RecordDestinationAsync(GraduateDestinationReported report, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var insert = dataSource.CreateCommand(
            """
            INSERT INTO destination_reports (report_id, institution_id, cohort_year, graduate_id, destination, effective_on,
                                             reported_at, employer_name, employer_credit_code, fingerprint, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (institution_id, report_id) DO NOTHING
            """);
        insert.Parameters.Add(Text(report.ReportId));
        insert.Parameters.Add(Text(report.InstitutionId));
        insert.Parameters.Add(Value(report.CohortYear));
        insert.Parameters.Add(Text(report.GraduateId));
        insert.Parameters.Add(Text(report.Destination.ToString()));
        insert.Parameters.Add(Value(report.EffectiveOn));
        insert.Parameters.Add(Timestamp(report.ReportedAt));
        insert.Parameters.Add(Text(report.EmployerName));
        insert.Parameters.Add(Text(report.EmployerCreditCode));
        insert.Parameters.Add(Text(fingerprint));
        insert.Parameters.Add(Timestamp(receivedAt));

        return await InsertOnceAsync(
            insert,
            "SELECT fingerprint FROM destination_reports WHERE institution_id = $1 AND report_id = $2",
            [Text(report.InstitutionId), Text(report.ReportId)],
            fingerprint,
            cancellationToken);
    }

    public async Task<CohortFacts> GetCohortAsync(string institutionId, int cohortYear, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(CohortQuery(
            """
            SELECT graduate_id, unit_code, disadvantaged FROM graduates
            WHERE institution_id = $1 AND cohort_year = $2
            ORDER BY graduate_id COLLATE "C"
            """));
        batch.BatchCommands.Add(CohortQuery("SELECT graduate_id FROM graduate_withdrawals WHERE institution_id = $1 AND cohort_year = $2"));
        batch.BatchCommands.Add(CohortQuery(
            """
            SELECT report_id, graduate_id, destination, effective_on, reported_at FROM destination_reports
            WHERE institution_id = $1 AND cohort_year = $2
            ORDER BY report_id COLLATE "C"
            """));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);

        var graduates = new List<GraduateFact>();
        while (await reader.ReadAsync(cancellationToken))
        {
            graduates.Add(new GraduateFact(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2)));
        }

        await reader.NextResultAsync(cancellationToken);
        var withdrawn = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            withdrawn.Add(reader.GetString(0));
        }

        await reader.NextResultAsync(cancellationToken);
        var reports = new List<DestinationFact>();
        while (await reader.ReadAsync(cancellationToken))
        {
            reports.Add(new DestinationFact(
                reader.GetString(0),
                reader.GetString(1),
                Enum.Parse<Destination>(reader.GetString(2)),
                reader.GetFieldValue<DateOnly>(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return new CohortFacts(graduates, withdrawn, reports);

        NpgsqlBatchCommand CohortQuery(string sql) =>
            new(sql) { Parameters = { Text(institutionId), Value(cohortYear) } };
    }

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
    /// <remarks>A session-level advisory lock on a connection of its own: a worker that dies releases it with its connection.</remarks>
    public async Task<IAsyncDisposable> LockTargetAsync(string targetId, CancellationToken cancellationToken)
    {
        var key = BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("monitor-target|" + targetId)), 0);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection);
            command.Parameters.Add(Value(key));
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new AdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>The saved row's version is <c>state.Version</c>, which must be <paramref name="expectedVersion"/> + 1.</remarks>
    public Task<bool> TrySaveAsync(AlertState state, long expectedVersion, TargetStatusChanged? alert, CancellationToken cancellationToken) =>
        TrySaveAllAsync([new StateSave(state, expectedVersion)], alert, cancellationToken);

    public async Task<bool> TrySaveAllAsync(IReadOnlyList<StateSave> saves, TargetStatusChanged? alert, CancellationToken cancellationToken)
    {
        StoreRules.EnsureSavable(saves, alert);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Rows are locked in one order (scope key), so two batches over the same units cannot deadlock.
        foreach (var save in saves.OrderBy(s => s.State.ScopeKey, StringComparer.Ordinal))
        {
            if (!await SaveStateAsync(connection, save.State, save.ExpectedVersion, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }

        if (alert is not null)
        {
            await using var enqueue = new NpgsqlCommand(
                """
                INSERT INTO alerts (alert_id, target_id, scope_key, payload, created_at)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (alert_id) DO NOTHING
                """,
                connection);
            enqueue.Parameters.Add(Value(alert.AlertId));
            enqueue.Parameters.Add(Text(alert.TargetId));
            enqueue.Parameters.Add(Text(StoreRules.OutboxScope(alert)));
            enqueue.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StoreJson.Serialize(alert), NpgsqlDbType = NpgsqlDbType.Jsonb });
            enqueue.Parameters.Add(Timestamp(timeProvider.GetUtcNow()));
            await enqueue.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Inserts or updates one state if its version is still the expected one; false when another saver was first.</summary>
    private static async Task<bool> SaveStateAsync(NpgsqlConnection connection, AlertState state, long expectedVersion, CancellationToken cancellationToken)
    {
        // A concurrent saver with the same expected version blocks on the row, then finds the version moved: 0 rows.
        var sql = expectedVersion == 0
            ? $"""
              INSERT INTO alert_state ({StateColumns})
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
              ON CONFLICT (target_id, scope_key) DO NOTHING
              """
            : """
              UPDATE alert_state
              SET status = $3, status_since = $4, transitions = $5, reminders = $6, last_notified_at = $7,
                  candidate_status = $8, candidate_since = $9, last_actual = $10, last_evaluated_at = $11, version = $12
              WHERE target_id = $1 AND scope_key = $2 AND version = $13
              """;
        await using (var save = new NpgsqlCommand(sql, connection))
        {
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
            if (expectedVersion != 0)
            {
                save.Parameters.Add(Value(expectedVersion));
            }

            return await save.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
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

        foreach (var (_, payload) in batch)
        {
            await publish(StoreJson.Deserialize(payload), cancellationToken);
        }

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
            alerts.Add(StoreJson.Deserialize(reader.GetString(0)));
        }

        return alerts;
    }

    private const string StateColumns =
        "target_id, scope_key, status, status_since, transitions, reminders, last_notified_at, candidate_status, candidate_since, last_actual, last_evaluated_at, version";

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
        reader.GetInt64(11));

    private async Task<StoreOutcome> InsertOnceAsync(
        NpgsqlCommand insert, string fingerprintQuery, NpgsqlParameter[] key, string fingerprint, CancellationToken cancellationToken)
    {
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return StoreOutcome.Accepted;
        }

        // A separate statement, so it sees the row a concurrent writer committed while the insert waited on it.
        await using var read = dataSource.CreateCommand(fingerprintQuery);
        read.Parameters.AddRange(key);
        return StoreRules.CompareFingerprints((string?)await read.ExecuteScalarAsync(cancellationToken), fingerprint);
    }

    private static NpgsqlParameter[] GraduateKey(string institutionId, int cohortYear, string graduateId) =>
        [Text(institutionId), Value(cohortYear), Text(graduateId)];

    private static NpgsqlParameter<T> Value<T>(T value) => new() { TypedValue = value };

    private static NpgsqlParameter Text(string? value) => value is null ? Null(NpgsqlDbType.Text) : Value(value);

    // timestamptz takes UTC only; callers may pass local offsets (e.g. +08:00).
    private static NpgsqlParameter<DateTimeOffset> Timestamp(DateTimeOffset value) => Value(value.ToUniversalTime());

    private static NpgsqlParameter Timestamp(DateTimeOffset? value) => value is { } instant ? Timestamp(instant) : Null(NpgsqlDbType.TimestampTz);

    private static NpgsqlParameter Null(NpgsqlDbType type) => new() { NpgsqlDbType = type, Value = DBNull.Value };

    private sealed class AdvisoryLock(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
                command.Parameters.Add(Value(key));
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
