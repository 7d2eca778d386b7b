using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Storage;
using Npgsql;
using static Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Placement;

/// <summary>
/// Rosters, withdrawals, reinstatements and destination reports on PostgreSQL (tables graduates, graduate_withdrawals,
/// graduate_reinstatements and destination_reports), each kept once per producer id as <see cref="InsertOnce"/>
/// describes, with only what the rates need (<see cref="IPlacementStore"/>).
/// </summary>
public sealed class PostgresPlacementStore(NpgsqlDataSource dataSource) : IPlacementStore
{
    public async Task<StoreOutcome> RegisterGraduateAsync(RosterEntry graduate, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graduate);
        await using var insert = dataSource.CreateCommand(
            """
            INSERT INTO graduates (institution_id, cohort_year, graduate_id, unit_code, is_disadvantaged, fingerprint, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (institution_id, cohort_year, graduate_id) DO NOTHING
            """);
        insert.Parameters.Add(Text(graduate.InstitutionId));
        insert.Parameters.Add(Value(graduate.CohortYear));
        insert.Parameters.Add(Text(graduate.GraduateId));
        insert.Parameters.Add(Text(graduate.UnitCode));
        insert.Parameters.Add(Value(graduate.Disadvantaged));
        insert.Parameters.Add(Text(graduate.Fingerprint));
        insert.Parameters.Add(Timestamp(receivedAt));

        return await InsertOnce.ExecuteAsync(
            dataSource,
            insert,
            "SELECT fingerprint FROM graduates WHERE institution_id = $1 AND cohort_year = $2 AND graduate_id = $3",
            GraduateKey(graduate.InstitutionId, graduate.CohortYear, graduate.GraduateId),
            graduate.Fingerprint,
            cancellationToken);
    }

    public Task<StoreOutcome> WithdrawGraduateAsync(GraduateWithdrawn withdrawal, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(withdrawal);
        return InsertRosterChangeAsync("graduate_withdrawals", withdrawal.InstitutionId, withdrawal.CohortYear, withdrawal.GraduateId, fingerprint, receivedAt, cancellationToken);
    }

    public Task<StoreOutcome> ReinstateGraduateAsync(GraduateReinstated reinstatement, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reinstatement);
        return InsertRosterChangeAsync("graduate_reinstatements", reinstatement.InstitutionId, reinstatement.CohortYear, reinstatement.GraduateId, fingerprint, receivedAt, cancellationToken);
    }

    public async Task<StoreOutcome> RecordDestinationAsync(GraduateDestinationReported report, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var insert = dataSource.CreateCommand(
            """
            INSERT INTO destination_reports (report_id, institution_id, cohort_year, graduate_id, destination, effective_on,
                                             reported_at, fingerprint, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (institution_id, report_id) DO NOTHING
            """);
        insert.Parameters.Add(Text(report.ReportId));
        insert.Parameters.Add(Text(report.InstitutionId));
        insert.Parameters.Add(Value(report.CohortYear));
        insert.Parameters.Add(Text(report.GraduateId));
        insert.Parameters.Add(Text(report.Destination.ToString()));
        insert.Parameters.Add(Value(report.EffectiveOn));
        insert.Parameters.Add(Timestamp(report.ReportedAt));
        insert.Parameters.Add(Text(fingerprint));
        insert.Parameters.Add(Timestamp(receivedAt));

        return await InsertOnce.ExecuteAsync(
            dataSource,
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
            SELECT graduate_id, unit_code, is_disadvantaged FROM graduates
            WHERE institution_id = $1 AND cohort_year = $2
            ORDER BY graduate_id COLLATE "C"
            """));
        batch.BatchCommands.Add(CohortQuery(
            """
            SELECT w.graduate_id FROM graduate_withdrawals w
            WHERE w.institution_id = $1 AND w.cohort_year = $2
              AND NOT EXISTS (
                  SELECT 1 FROM graduate_reinstatements r
                  WHERE r.institution_id = w.institution_id AND r.cohort_year = w.cohort_year AND r.graduate_id = w.graduate_id)
            """));
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
            graduates.Add(new GraduateFact(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
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

    public async Task<PurgedCohort> PurgeCohortAsync(string institutionId, int cohortYear, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var counts = new int[4];
        string[] tables = ["graduates", "graduate_withdrawals", "graduate_reinstatements", "destination_reports"];
        for (var i = 0; i < tables.Length; i++)
        {
            // Table names come from the list above, never from input.
            await using var delete = new NpgsqlCommand($"DELETE FROM {tables[i]} WHERE institution_id = $1 AND cohort_year = $2", connection, transaction)
            {
                Parameters = { Text(institutionId), Value(cohortYear) },
            };
            counts[i] = await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new PurgedCohort(counts[0], counts[1], counts[2], counts[3]);
    }

    /// <summary>A withdrawal or reinstatement: kept once per graduate with its fingerprint; why is not kept.</summary>
    private async Task<StoreOutcome> InsertRosterChangeAsync(
        string table, string institutionId, int cohortYear, string graduateId, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        // Table names come from this class, never from input.
        await using var insert = dataSource.CreateCommand(
            $"""
            INSERT INTO {table} (institution_id, cohort_year, graduate_id, fingerprint, received_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (institution_id, cohort_year, graduate_id) DO NOTHING
            """);
        insert.Parameters.Add(Text(institutionId));
        insert.Parameters.Add(Value(cohortYear));
        insert.Parameters.Add(Text(graduateId));
        insert.Parameters.Add(Text(fingerprint));
        insert.Parameters.Add(Timestamp(receivedAt));

        return await InsertOnce.ExecuteAsync(
            dataSource,
            insert,
            $"SELECT fingerprint FROM {table} WHERE institution_id = $1 AND cohort_year = $2 AND graduate_id = $3",
            GraduateKey(institutionId, cohortYear, graduateId),
            fingerprint,
            cancellationToken);
    }

    private static NpgsqlParameter[] GraduateKey(string institutionId, int cohortYear, string graduateId) =>
        [Text(institutionId), Value(cohortYear), Text(graduateId)];
}
