using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Settings;
using Monitor.Worker.Storage;
using Npgsql;
using static Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Placement;

/// <summary>
/// Rosters, withdrawals, reinstatements and destination reports on PostgreSQL (tables graduates, graduate_withdrawals,
/// graduate_reinstatements and destination_reports), each kept once per producer id as <see cref="InsertOnce"/>
/// describes, with only what the rates need (<see cref="IPlacementStore"/>). With
/// <see cref="IngestOptions"/>, registrations and reports made one at a time by concurrent consumers are written together
/// (<see cref="GroupCommit{TItem, TResult}"/>).
/// </summary>
public sealed class PostgresPlacementStore : IPlacementStore, IAsyncDisposable
{
    private static readonly IComparer<(string, int, string)> GraduateOrder = Comparer<(string, int, string)>.Create((a, b) =>
        string.CompareOrdinal(a.Item1, b.Item1) is var institution and not 0 ? institution
        : a.Item2.CompareTo(b.Item2) is var cohort and not 0 ? cohort
        : string.CompareOrdinal(a.Item3, b.Item3));

    private static readonly IComparer<(string, string)> ReportOrder = Comparer<(string, string)>.Create((a, b) =>
        string.CompareOrdinal(a.Item1, b.Item1) is var institution and not 0 ? institution : string.CompareOrdinal(a.Item2, b.Item2));

    /// <summary>The destinations that do not count as placed (<see cref="DestinationKinds.IsPlaced"/>), by name as stored.</summary>
    private static readonly string[] NotPlaced = [.. Enum.GetValues<Destination>().Where(d => !DestinationKinds.IsPlaced(d)).Select(d => d.ToString())];

    private readonly NpgsqlDataSource dataSource;
    private readonly GroupCommit<EventToStore<RosterEntry>, StoreOutcome>? registrations;
    private readonly GroupCommit<EventToStore<GraduateDestinationReported>, StoreOutcome>? destinations;

    /// <param name="ingest">Batching for <see cref="RegisterGraduateAsync"/> and <see cref="RecordDestinationAsync"/>; null writes each call on its own.</param>
    public PostgresPlacementStore(NpgsqlDataSource dataSource, IngestOptions? ingest = null)
    {
        this.dataSource = dataSource;
        if (ingest is not null)
        {
            registrations = new(RegisterGraduatesAsync, ingest.BatchSize, ingest.BatchTimeLimit, ingest.ConcurrentWrites);
            destinations = new(RecordDestinationsAsync, ingest.BatchSize, ingest.BatchTimeLimit, ingest.ConcurrentWrites);
        }
    }

    public async Task<StoreOutcome> RegisterGraduateAsync(RosterEntry graduate, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graduate);
        var item = new EventToStore<RosterEntry>(graduate, graduate.Fingerprint, receivedAt);
        return registrations is not null
            ? await registrations.SubmitAsync(item, cancellationToken)
            : (await RegisterGraduatesAsync([item], cancellationToken))[0];
    }

    public Task<IReadOnlyList<StoreOutcome>> RegisterGraduatesAsync(IReadOnlyList<EventToStore<RosterEntry>> graduates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graduates);
        return InsertOnce.ExecuteBatchAsync(
            [.. graduates.Select(g => (g.Event.InstitutionId, g.Event.CohortYear, g.Event.GraduateId))],
            [.. graduates.Select(g => g.Fingerprint)],
            order =>
            {
                var insert = dataSource.CreateCommand(
                    """
                    INSERT INTO graduates (institution_id, cohort_year, graduate_id, unit_code, is_disadvantaged, fingerprint, received_at)
                    SELECT institution_id, cohort_year, graduate_id, unit_code, is_disadvantaged, fingerprint, received_at
                    FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::timestamptz[])
                         WITH ORDINALITY AS batch (institution_id, cohort_year, graduate_id, unit_code, is_disadvantaged, fingerprint, received_at, position)
                    ORDER BY position
                    ON CONFLICT (institution_id, cohort_year, graduate_id) DO NOTHING
                    RETURNING institution_id, cohort_year, graduate_id
                    """);
                var ordered = order.Select(i => graduates[i]).ToList();
                insert.Parameters.Add(Value(ordered.Select(g => g.Event.InstitutionId).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(g => g.Event.CohortYear).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(g => g.Event.GraduateId).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(g => g.Event.UnitCode).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(g => g.Event.Disadvantaged).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(g => g.Fingerprint).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(g => g.ReceivedAt.ToUniversalTime()).ToArray()));
                return insert;
            },
            reader => (reader.GetString(0), reader.GetInt32(1), reader.GetString(2)),
            keys =>
            {
                var read = dataSource.CreateCommand(
                    """
                    SELECT g.institution_id, g.cohort_year, g.graduate_id, g.fingerprint
                    FROM graduates g
                    JOIN unnest($1::text[], $2::integer[], $3::text[]) AS k (institution_id, cohort_year, graduate_id) USING (institution_id, cohort_year, graduate_id)
                    """);
                read.Parameters.Add(Value(keys.Select(k => k.Item1).ToArray()));
                read.Parameters.Add(Value(keys.Select(k => k.Item2).ToArray()));
                read.Parameters.Add(Value(keys.Select(k => k.Item3).ToArray()));
                return read;
            },
            GraduateOrder,
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
        var item = new EventToStore<GraduateDestinationReported>(report, fingerprint, receivedAt);
        return destinations is not null
            ? await destinations.SubmitAsync(item, cancellationToken)
            : (await RecordDestinationsAsync([item], cancellationToken))[0];
    }

    public Task<IReadOnlyList<StoreOutcome>> RecordDestinationsAsync(IReadOnlyList<EventToStore<GraduateDestinationReported>> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return InsertOnce.ExecuteBatchAsync(
            [.. reports.Select(r => (r.Event.InstitutionId, r.Event.ReportId))],
            [.. reports.Select(r => r.Fingerprint)],
            order =>
            {
                var insert = dataSource.CreateCommand(
                    """
                    INSERT INTO destination_reports (report_id, institution_id, cohort_year, graduate_id, destination, effective_on,
                                                     reported_at, fingerprint, received_at)
                    SELECT report_id, institution_id, cohort_year, graduate_id, destination, effective_on,
                           reported_at, fingerprint, received_at
                    FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::date[], $7::timestamptz[], $8::text[],
                                $9::timestamptz[])
                         WITH ORDINALITY AS batch (report_id, institution_id, cohort_year, graduate_id, destination, effective_on,
                                                   reported_at, fingerprint, received_at, position)
                    ORDER BY position
                    ON CONFLICT (institution_id, report_id) DO NOTHING
                    RETURNING institution_id, report_id
                    """);
                var ordered = order.Select(i => reports[i]).ToList();
                insert.Parameters.Add(Value(ordered.Select(r => r.Event.ReportId).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(r => r.Event.InstitutionId).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(r => r.Event.CohortYear).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(r => r.Event.GraduateId).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(r => r.Event.Destination.ToString()).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(r => r.Event.EffectiveOn).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(r => r.Event.ReportedAt.ToUniversalTime()).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(r => r.Fingerprint).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(r => r.ReceivedAt.ToUniversalTime()).ToArray()));
                return insert;
            },
            reader => (reader.GetString(0), reader.GetString(1)),
            keys =>
            {
                var read = dataSource.CreateCommand(
                    """
                    SELECT r.institution_id, r.report_id, r.fingerprint
                    FROM destination_reports r JOIN unnest($1::text[], $2::text[]) AS k (institution_id, report_id) USING (institution_id, report_id)
                    """);
                read.Parameters.Add(Value(keys.Select(k => k.Item1).ToArray()));
                read.Parameters.Add(Value(keys.Select(k => k.Item2).ToArray()));
                return read;
            },
            ReportOrder,
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

    /// <summary>
    /// Every institution's summary in one round trip, computed where the rows are, an institution at a time (a lateral
    /// join over the ids, so each sort holds one institution's reports and never spills to disk): the counted graduates
    /// by group; each counted graduate's report days (the day's last report, as <see cref="CohortSummary.Of"/> picks it)
    /// with the destination of the day before (<c>lag</c>), grouped; and the reports for graduates not on the roster.
    /// JIT compilation is turned off for the transaction: the plan over many institutions looks costly enough to
    /// compile, and compiling took half a second a chunk, longer than the queries themselves.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, CohortSummary>> SummariseCohortsAsync(
        IReadOnlyCollection<string> institutionIds, int cohortYear, CancellationToken cancellationToken)
    {
        const string Counted =
            """
            NOT EXISTS (
                SELECT 1 FROM graduate_withdrawals w
                WHERE w.institution_id = g.institution_id AND w.cohort_year = g.cohort_year AND w.graduate_id = g.graduate_id
                  AND NOT EXISTS (
                      SELECT 1 FROM graduate_reinstatements s
                      WHERE s.institution_id = w.institution_id AND s.cohort_year = w.cohort_year AND s.graduate_id = w.graduate_id))
            """;
        var ids = institutionIds.Distinct(StringComparer.Ordinal).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('jit', 'off', true)"));
        batch.BatchCommands.Add(SummaryQuery(
            $"""
            SELECT i.institution_id, x.unit_code, x.is_disadvantaged, x.graduates
            FROM unnest($1::text[]) AS i (institution_id)
            CROSS JOIN LATERAL (
                SELECT g.unit_code, g.is_disadvantaged, count(*)::integer AS graduates FROM graduates g
                WHERE g.institution_id = i.institution_id AND g.cohort_year = $2 AND {Counted}
                GROUP BY 1, 2) AS x
            """));
        batch.BatchCommands.Add(SummaryQuery(
            $"""
            SELECT i.institution_id, x.unit_code, x.is_disadvantaged, x.effective_on, x.before, x.destination, x.graduates
            FROM unnest($1::text[]) AS i (institution_id)
            CROSS JOIN LATERAL (
                SELECT c.unit_code, c.is_disadvantaged, c.effective_on, c.before, c.destination, count(*)::integer AS graduates
                FROM (
                    SELECT g.unit_code, g.is_disadvantaged, d.effective_on, d.destination,
                           lag(d.destination) OVER (PARTITION BY d.graduate_id ORDER BY d.effective_on) AS before
                    FROM (
                        SELECT DISTINCT ON (r.graduate_id, r.effective_on) r.graduate_id, r.effective_on, r.destination
                        FROM destination_reports r
                        WHERE r.institution_id = i.institution_id AND r.cohort_year = $2
                        ORDER BY r.graduate_id, r.effective_on, r.reported_at DESC, r.report_id COLLATE "C" DESC
                    ) AS d
                    JOIN graduates g ON g.institution_id = i.institution_id AND g.cohort_year = $2 AND g.graduate_id = d.graduate_id
                    WHERE {Counted}
                ) AS c
                GROUP BY 1, 2, 3, 4, 5) AS x
            """));
        batch.BatchCommands.Add(SummaryQuery(
            """
            SELECT i.institution_id, x.orphans
            FROM unnest($1::text[]) AS i (institution_id)
            CROSS JOIN LATERAL (
                SELECT count(*)::integer AS orphans FROM destination_reports r
                WHERE r.institution_id = i.institution_id AND r.cohort_year = $2
                  AND NOT EXISTS (
                      SELECT 1 FROM graduates g
                      WHERE g.institution_id = r.institution_id AND g.cohort_year = r.cohort_year AND g.graduate_id = r.graduate_id)) AS x
            WHERE x.orphans > 0
            """));

        var groups = ids.ToDictionary(id => id, _ => new List<CohortGroup>(), StringComparer.Ordinal);
        var changes = ids.ToDictionary(id => id, _ => new List<DestinationChange>(), StringComparer.Ordinal);
        var orphans = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                groups[reader.GetString(0)].Add(new CohortGroup(reader.GetString(1), reader.GetBoolean(2), reader.GetInt32(3)));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                changes[reader.GetString(0)].Add(new DestinationChange(
                    reader.GetString(1),
                    reader.GetBoolean(2),
                    reader.GetFieldValue<DateOnly>(3),
                    reader.IsDBNull(4) ? null : Enum.Parse<Destination>(reader.GetString(4)),
                    Enum.Parse<Destination>(reader.GetString(5)),
                    reader.GetInt32(6)));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                orphans[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return ids.ToDictionary(id => id, id => new CohortSummary(groups[id], changes[id], orphans.GetValueOrDefault(id)), StringComparer.Ordinal);

        NpgsqlBatchCommand SummaryQuery(string sql) =>
            new(sql) { Parameters = { Value(ids), Value(cohortYear) } };
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

    public async ValueTask DisposeAsync()
    {
        if (registrations is not null)
        {
            await registrations.DisposeAsync();
        }

        if (destinations is not null)
        {
            await destinations.DisposeAsync();
        }
    }

    private static NpgsqlParameter[] GraduateKey(string institutionId, int cohortYear, string graduateId) =>
        [Text(institutionId), Value(cohortYear), Text(graduateId)];
}
