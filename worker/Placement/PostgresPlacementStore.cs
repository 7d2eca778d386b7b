using System.Text.Json;
using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Settings;
using Monitor.Worker.Storage;
using Npgsql;
using static Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Placement;

/// <summary>
/// Rosters, withdrawals and destination reports on PostgreSQL (tables graduates, graduate_withdrawals and
/// destination_reports), each kept once per producer id as <see cref="InsertOnce"/> describes. With
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
    private readonly GroupCommit<EventToStore<GraduateRegistered>, StoreOutcome>? registrations;
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

    public async Task<StoreOutcome> RegisterGraduateAsync(GraduateRegistered graduate, string fingerprint, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graduate);
        var item = new EventToStore<GraduateRegistered>(graduate, fingerprint, receivedAt);
        return registrations is not null
            ? await registrations.SubmitAsync(item, cancellationToken)
            : (await RegisterGraduatesAsync([item], cancellationToken))[0];
    }

    public Task<IReadOnlyList<StoreOutcome>> RegisterGraduatesAsync(IReadOnlyList<EventToStore<GraduateRegistered>> graduates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graduates);
        return InsertOnce.ExecuteBatchAsync(
            [.. graduates.Select(g => (g.Event.InstitutionId, g.Event.CohortYear, g.Event.GraduateId))],
            [.. graduates.Select(g => g.Fingerprint)],
            order =>
            {
                // Each roster entry's categories travel as one JSON array: unnest cannot take an array of arrays of
                // different lengths.
                var insert = dataSource.CreateCommand(
                    """
                    INSERT INTO graduates (institution_id, cohort_year, graduate_id, unit_code, major, disadvantaged, fingerprint, received_at)
                    SELECT institution_id, cohort_year, graduate_id, unit_code, major,
                           ARRAY(SELECT jsonb_array_elements_text(disadvantaged::jsonb)), fingerprint, received_at
                    FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
                         WITH ORDINALITY AS batch (institution_id, cohort_year, graduate_id, unit_code, major, disadvantaged, fingerprint, received_at, position)
                    ORDER BY position
                    ON CONFLICT (institution_id, cohort_year, graduate_id) DO NOTHING
                    RETURNING institution_id, cohort_year, graduate_id
                    """);
                var ordered = order.Select(i => graduates[i]).ToList();
                insert.Parameters.Add(Value(ordered.Select(g => g.Event.InstitutionId).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(g => g.Event.CohortYear).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(g => g.Event.GraduateId).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(g => g.Event.UnitCode).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(g => g.Event.Major).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(g => JsonSerializer.Serialize(g.Event.Disadvantaged)).ToArray()));
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
                                                     reported_at, employer_name, employer_credit_code, fingerprint, received_at)
                    SELECT report_id, institution_id, cohort_year, graduate_id, destination, effective_on,
                           reported_at, employer_name, employer_credit_code, fingerprint, received_at
                    FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::date[], $7::timestamptz[], $8::text[], $9::text[],
                                $10::text[], $11::timestamptz[])
                         WITH ORDINALITY AS batch (report_id, institution_id, cohort_year, graduate_id, destination, effective_on,
                                                   reported_at, employer_name, employer_credit_code, fingerprint, received_at, position)
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
                insert.Parameters.Add(Value(ordered.Select(r => r.Event.EmployerName).ToArray()));
                insert.Parameters.Add(Value(ordered.Select(r => r.Event.EmployerCreditCode).ToArray()));
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

    public async Task<IReadOnlyList<PlacementSeries>> GetPlacementSeriesAsync(IReadOnlyCollection<string> institutionIds, int cohortYear, DateOnly breakdownOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(institutionIds);
        await using var batch = dataSource.CreateBatch();

        // Per institution, unit and population: graduates on the roster, counted (not withdrawn), latest report.
        batch.BatchCommands.Add(SeriesQuery(
            """
            SELECT g.institution_id, g.unit_code, cardinality(g.disadvantaged) > 0,
                   count(*)::integer, count(*) FILTER (WHERE w.graduate_id IS NULL)::integer,
                   max(r.last_on) FILTER (WHERE w.graduate_id IS NULL)
            FROM graduates g
            LEFT JOIN graduate_withdrawals w USING (institution_id, cohort_year, graduate_id)
            LEFT JOIN (SELECT institution_id, graduate_id, max(effective_on) AS last_on
                       FROM destination_reports
                       WHERE institution_id = ANY ($1) AND cohort_year = $2
                       GROUP BY institution_id, graduate_id) r USING (institution_id, graduate_id)
            WHERE g.institution_id = ANY ($1) AND g.cohort_year = $2
            GROUP BY 1, 2, 3
            """));

        // Each day a counted graduate's destination at the end of the day (the day's last report) moves between placed
        // and not placed: +1 or -1 on that day.
        batch.BatchCommands.Add(SeriesQuery(
            """
            WITH end_of_day AS (
                SELECT DISTINCT ON (institution_id, graduate_id, effective_on)
                       institution_id, graduate_id, effective_on, destination <> ALL ($4) AS placed
                FROM destination_reports
                WHERE institution_id = ANY ($1) AND cohort_year = $2
                ORDER BY institution_id, graduate_id, effective_on, reported_at DESC, report_id COLLATE "C" DESC
            ), changes AS (
                SELECT institution_id, graduate_id, effective_on, placed,
                       coalesce(lag(placed) OVER (PARTITION BY institution_id, graduate_id ORDER BY effective_on), false) AS before
                FROM end_of_day
            )
            SELECT g.institution_id, g.unit_code, cardinality(g.disadvantaged) > 0, c.effective_on,
                   sum(CASE WHEN c.placed THEN 1 ELSE -1 END)::integer
            FROM changes c
            JOIN graduates g ON g.institution_id = c.institution_id AND g.cohort_year = $2 AND g.graduate_id = c.graduate_id
            WHERE c.placed <> c.before
              AND NOT EXISTS (SELECT 1 FROM graduate_withdrawals w
                              WHERE w.institution_id = g.institution_id AND w.cohort_year = g.cohort_year AND w.graduate_id = g.graduate_id)
            GROUP BY 1, 2, 3, 4
            """));

        // Counted graduates by their destination at the end of the breakdown's day.
        batch.BatchCommands.Add(SeriesQuery(
            """
            WITH latest AS (
                SELECT DISTINCT ON (institution_id, graduate_id) institution_id, graduate_id, destination
                FROM destination_reports
                WHERE institution_id = ANY ($1) AND cohort_year = $2 AND effective_on <= $3
                ORDER BY institution_id, graduate_id, effective_on DESC, reported_at DESC, report_id COLLATE "C" DESC
            )
            SELECT g.institution_id, g.unit_code, cardinality(g.disadvantaged) > 0, l.destination, count(*)::integer
            FROM latest l
            JOIN graduates g ON g.institution_id = l.institution_id AND g.cohort_year = $2 AND g.graduate_id = l.graduate_id
            WHERE NOT EXISTS (SELECT 1 FROM graduate_withdrawals w
                              WHERE w.institution_id = g.institution_id AND w.cohort_year = g.cohort_year AND w.graduate_id = g.graduate_id)
            GROUP BY 1, 2, 3, 4
            """));

        // Reports for graduates not on the roster.
        batch.BatchCommands.Add(SeriesQuery(
            """
            SELECT r.institution_id, count(*)::integer
            FROM destination_reports r
            WHERE r.institution_id = ANY ($1) AND r.cohort_year = $2
              AND NOT EXISTS (SELECT 1 FROM graduates g
                              WHERE g.institution_id = r.institution_id AND g.cohort_year = r.cohort_year AND g.graduate_id = r.graduate_id)
            GROUP BY 1
            """));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var groups = new List<PlacementGroup>();
        while (await reader.ReadAsync(cancellationToken))
        {
            groups.Add(new PlacementGroup(
                reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetInt32(3), reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5)));
        }

        await reader.NextResultAsync(cancellationToken);
        var changes = new List<(string, string, bool, PlacedChange)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), new PlacedChange(reader.GetFieldValue<DateOnly>(3), reader.GetInt32(4))));
        }

        await reader.NextResultAsync(cancellationToken);
        var destinations = new List<(string, string, bool, Destination, int)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            destinations.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), Enum.Parse<Destination>(reader.GetString(3)), reader.GetInt32(4)));
        }

        await reader.NextResultAsync(cancellationToken);
        var orphans = new List<(string, int)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            orphans.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return PlacementSeries.Combine(cohortYear, breakdownOn, groups, changes, destinations, orphans);

        NpgsqlBatchCommand SeriesQuery(string sql) =>
            new(sql) { Parameters = { Value(institutionIds.ToArray()), Value(cohortYear), Value(breakdownOn), Value(NotPlaced) } };
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
