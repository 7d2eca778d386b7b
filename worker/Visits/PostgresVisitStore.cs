using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Storage;
using Npgsql;
using static Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Visits;

/// <summary>
/// Visits and cancellations on PostgreSQL (tables visits and visit_cancellations). A visit is kept once per
/// (institution, visit id): a redelivery is a <see cref="StoreOutcome.Duplicate"/>, the same id with another fingerprint
/// a <see cref="StoreOutcome.Conflict"/> (the first version is kept).
/// </summary>
public sealed class PostgresVisitStore(NpgsqlDataSource dataSource) : IVisitStore
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

        return await InsertOnce.ExecuteAsync(
            dataSource,
            insert,
            "SELECT fingerprint FROM visits WHERE institution_id = $1 AND visit_id = $2",
            [Text(visit.InstitutionId), Text(visit.VisitId)],
            fingerprint,
            cancellationToken);
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
}
