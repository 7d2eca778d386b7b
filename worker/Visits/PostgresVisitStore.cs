using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Settings;
using Monitor.Worker.Storage;
using Npgsql;
using static Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Visits;

/// <summary>
/// Visits and cancellations on PostgreSQL (tables visits and visit_cancellations). A visit is kept once per
/// (institution, visit id): a redelivery is a <see cref="StoreOutcome.Duplicate"/>, the same id with another fingerprint
/// a <see cref="StoreOutcome.Conflict"/> (the first version is kept). With <see cref="IngestOptions"/>, visits recorded
/// one at a time by concurrent consumers are written together (<see cref="GroupCommit{TItem, TResult}"/>).
/// </summary>
public sealed class PostgresVisitStore : IVisitStore, IAsyncDisposable
{
    private static readonly IComparer<(string, string)> KeyOrder = Comparer<(string, string)>.Create((a, b) =>
        string.CompareOrdinal(a.Item1, b.Item1) is var first and not 0 ? first : string.CompareOrdinal(a.Item2, b.Item2));

    private readonly NpgsqlDataSource dataSource;
    private readonly GroupCommit<EventToStore<EnterpriseVisitRecorded>, StoreOutcome>? batches;

    /// <param name="ingest">Batching for <see cref="RecordVisitAsync"/>; null writes each call on its own.</param>
    public PostgresVisitStore(NpgsqlDataSource dataSource, IngestOptions? ingest = null)
    {
        this.dataSource = dataSource;
        if (ingest is not null)
        {
            batches = new(RecordVisitsAsync, ingest.BatchSize, ingest.BatchTimeLimit, ingest.ConcurrentWrites);
        }
    }

    /// <summary>The normalised credit code a visit's employer is known by, or null when none was given.</summary>
    public static string? CodeKey(string? creditCode) =>
        string.IsNullOrWhiteSpace(creditCode) ? null : EmployerIdentity.NormaliseCreditCode(creditCode);

    public async Task<StoreOutcome> RecordVisitAsync(EnterpriseVisitRecorded visit, string fingerprint, DateTimeOffset recordedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visit);
        var item = new EventToStore<EnterpriseVisitRecorded>(visit, fingerprint, recordedAt);
        return batches is not null
            ? await batches.SubmitAsync(item, cancellationToken)
            : (await RecordVisitsAsync([item], cancellationToken))[0];
    }

    public Task<IReadOnlyList<StoreOutcome>> RecordVisitsAsync(IReadOnlyList<EventToStore<EnterpriseVisitRecorded>> visits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visits);
        return InsertOnce.ExecuteBatchAsync(
            [.. visits.Select(v => (v.Event.InstitutionId, v.Event.VisitId))],
            [.. visits.Select(v => v.Fingerprint)],
            order =>
            {
                var insert = dataSource.CreateCommand(
                    """
                    INSERT INTO visits (visit_id, institution_id, tier, unit_code, employer_name, employer_credit_code, visited_on, mode,
                                        positions_opened, fingerprint, recorded_at, employer_name_key, employer_code_key)
                    SELECT visit_id, institution_id, tier, unit_code, employer_name, employer_credit_code, visited_on, mode,
                           positions_opened, fingerprint, recorded_at, employer_name_key, employer_code_key
                    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[],
                                $9::integer[], $10::text[], $11::timestamptz[], $12::text[], $13::text[])
                         WITH ORDINALITY AS batch (visit_id, institution_id, tier, unit_code, employer_name, employer_credit_code, visited_on, mode,
                                                   positions_opened, fingerprint, recorded_at, employer_name_key, employer_code_key, position)
                    ORDER BY position
                    ON CONFLICT (institution_id, visit_id) DO NOTHING
                    RETURNING institution_id, visit_id
                    """);
                var ordered = order.Select(i => visits[i]).ToList();
                insert.Parameters.Add(Value(ordered.Select(v => v.Event.VisitId).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(v => v.Event.InstitutionId).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(v => v.Event.Tier.ToString()).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(v => v.Event.UnitCode).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(v => v.Event.EmployerName).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(v => v.Event.EmployerCreditCode).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(v => v.Event.VisitedOn).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(v => v.Event.Mode.ToString()).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(v => v.Event.PositionsOpened).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(v => v.Fingerprint).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(v => v.ReceivedAt.ToUniversalTime()).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(v => EmployerIdentity.NormaliseName(v.Event.EmployerName)).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(v => CodeKey(v.Event.EmployerCreditCode)).ToArray()));
                return insert;
            },
            reader => (reader.GetString(0), reader.GetString(1)),
            keys =>
            {
                var read = dataSource.CreateCommand(
                    """
                    SELECT v.institution_id, v.visit_id, v.fingerprint
                    FROM visits v JOIN unnest($1::text[], $2::text[]) AS k (institution_id, visit_id) USING (institution_id, visit_id)
                    """);
                read.Parameters.Add(Value(keys.Select(k => k.Item1).ToArray()));
                read.Parameters.Add(Value(keys.Select(k => k.Item2).ToArray()));
                return read;
            },
            KeyOrder,
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

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<VisitFact>>> GetActiveVisitsAsync(
        IReadOnlyCollection<string> institutionIds, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        // A cancellation applies only within its own institution: no institution changes another's figures.
        await using var command = dataSource.CreateCommand(
            """
            SELECT v.institution_id, v.visit_id, v.tier, v.unit_code, v.employer_name, v.employer_credit_code, v.visited_on, v.positions_opened
            FROM visits v
            WHERE v.institution_id = ANY($1)
              AND v.visited_on BETWEEN $2 AND $3
              AND NOT EXISTS (
                  SELECT 1 FROM visit_cancellations c
                  WHERE c.visit_id = v.visit_id AND c.institution_id = v.institution_id)
            ORDER BY v.visited_on, v.visit_id COLLATE "C"
            """);
        var ids = institutionIds.Distinct(StringComparer.Ordinal).ToArray();
        command.Parameters.Add(Value(ids));
        command.Parameters.Add(Value(firstDay));
        command.Parameters.Add(Value(lastDay));

        var visits = ids.ToDictionary(id => id, _ => new List<VisitFact>(), StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            visits[reader.GetString(0)].Add(new VisitFact(
                reader.GetString(1),
                Enum.Parse<VisitTier>(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetFieldValue<DateOnly>(6),
                reader.GetInt32(7)));
        }

        return visits.ToDictionary(v => v.Key, IReadOnlyList<VisitFact> (v) => v.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// Gives the visits stored before the employer keys existed (schema 020) their keys, a few thousand per statement;
    /// the number filled. Every visit recorded since has them, so after the first start-up this finds none.
    /// </summary>
    public async Task<long> FillEmployerKeysAsync(CancellationToken cancellationToken)
    {
        long filled = 0;
        while (true)
        {
            var keys = new List<(string InstitutionId, string VisitId, string Name, string? Code)>();
            await using (var read = dataSource.CreateCommand(
                "SELECT institution_id, visit_id, employer_name, employer_credit_code FROM visits WHERE employer_name_key IS NULL LIMIT 5000"))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    keys.Add((reader.GetString(0), reader.GetString(1), EmployerIdentity.NormaliseName(reader.GetString(2)), CodeKey(reader.IsDBNull(3) ? null : reader.GetString(3))));
                }
            }

            if (keys.Count == 0)
            {
                return filled;
            }

            await using var update = dataSource.CreateCommand(
                """
                UPDATE visits v SET employer_name_key = k.name_key, employer_code_key = k.code_key
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k (institution_id, visit_id, name_key, code_key)
                WHERE v.institution_id = k.institution_id AND v.visit_id = k.visit_id
                """);
            update.Parameters.Add(Value(keys.Select(k => k.InstitutionId).ToArray()));
            update.Parameters.Add(Value(keys.Select(k => k.VisitId).ToArray()));
            update.Parameters.Add(Value(keys.Select(k => k.Name).ToArray()));
            update.Parameters.Add(Value(keys.Select(k => k.Code).ToArray()));
            filled += await update.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => batches?.DisposeAsync() ?? ValueTask.CompletedTask;
}
