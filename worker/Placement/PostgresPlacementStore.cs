using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Storage;
using Npgsql;
using static Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Placement;

/// <summary>
/// Rosters, withdrawals and destination reports on PostgreSQL (tables graduates, graduate_withdrawals and
/// destination_reports), each kept once per producer id as <see cref="InsertOnce"/> describes.
/// </summary>
public sealed class PostgresPlacementStore(NpgsqlDataSource dataSource) : IPlacementStore
{
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

        return await InsertOnce.ExecuteAsync(
            dataSource,
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

        return await InsertOnce.ExecuteAsync(
            dataSource,
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

    private static NpgsqlParameter[] GraduateKey(string institutionId, int cohortYear, string graduateId) =>
        [Text(institutionId), Value(cohortYear), Text(graduateId)];
}
