using System.Security.Cryptography;
using Monitor.Messages;
using Monitor.Worker.Visits;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.Benchmarks.Scale;

/// <summary>
/// Writes generated events into the worker's tables by binary COPY, as the worker would have stored them (enums by
/// name, instants in UTC, a fingerprint per row, each visit's employer keys).
/// </summary>
public static class CopyLoader
{
    private static readonly DateTime ReceivedAt = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Loads a slice of every institution's data; returns the number of rows written.</summary>
    public static async Task<long> LoadAsync(NpgsqlDataSource dataSource, ScaleData data, Slice slice, CancellationToken cancellationToken)
    {
        var institutions = Enumerable.Range(0, data.Institutions).ToList();
        long rows = 0;
        rows += await CopyAsync(dataSource, Tables.Graduates, institutions.SelectMany(k => data.Graduates(k, slice)).Select(Bulk), WriteGraduateAsync, cancellationToken);
        rows += await CopyAsync(dataSource, Tables.Withdrawals, institutions.SelectMany(k => data.Withdrawals(k, slice)).Select(Bulk), WriteWithdrawalAsync, cancellationToken);
        rows += await CopyAsync(dataSource, Tables.Reports, institutions.SelectMany(k => data.Reports(k, slice)).Select(Bulk), WriteReportAsync, cancellationToken);
        rows += await CopyAsync(dataSource, Tables.Visits, institutions.SelectMany(k => data.Visits(k, slice)).Select(Bulk), WriteVisitAsync, cancellationToken);
        rows += await CopyAsync(dataSource, Tables.Cancellations, institutions.SelectMany(k => ScaleData.Cancellations(k, slice)).Select(Bulk), WriteCancellationAsync, cancellationToken);
        return rows;
    }

    /// <summary>
    /// COPY of <paramref name="rows"/> into <paramref name="table"/> (one of <see cref="Tables"/>, or a table with its
    /// columns), each with its fingerprint (null: a stand-in of the same length).
    /// </summary>
    public static async Task<long> CopyAsync<T>(
        NpgsqlDataSource dataSource, string table, IEnumerable<(T Item, string? Fingerprint)> rows, Func<NpgsqlBinaryImporter, T, string?, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(write);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {table} FROM STDIN (FORMAT BINARY)", cancellationToken);
        long written = 0;
        foreach (var (item, fingerprint) in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await write(importer, item, fingerprint, cancellationToken);
            written++;
        }

        await importer.CompleteAsync(cancellationToken);
        return written;
    }

    public static async Task WriteGraduateAsync(NpgsqlBinaryImporter importer, GraduateRegistered g, string? fingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(g);
        await importer.WriteAsync(g.InstitutionId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(g.CohortYear, NpgsqlDbType.Integer, cancellationToken);
        await importer.WriteAsync(g.GraduateId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(g.UnitCode, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(g.Disadvantaged.Count > 0, NpgsqlDbType.Boolean, cancellationToken);
        await importer.WriteAsync(fingerprint ?? StandIn(), NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(ReceivedAt, NpgsqlDbType.TimestampTz, cancellationToken);
    }

    public static async Task WriteWithdrawalAsync(NpgsqlBinaryImporter importer, GraduateWithdrawn w, string? fingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(w);
        await importer.WriteAsync(w.InstitutionId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(w.CohortYear, NpgsqlDbType.Integer, cancellationToken);
        await importer.WriteAsync(w.GraduateId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(fingerprint ?? StandIn(), NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(ReceivedAt, NpgsqlDbType.TimestampTz, cancellationToken);
    }

    public static async Task WriteReportAsync(NpgsqlBinaryImporter importer, GraduateDestinationReported r, string? fingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(r);
        await importer.WriteAsync(r.ReportId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(r.InstitutionId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(r.CohortYear, NpgsqlDbType.Integer, cancellationToken);
        await importer.WriteAsync(r.GraduateId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(r.Destination.ToString(), NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(r.EffectiveOn, NpgsqlDbType.Date, cancellationToken);
        await importer.WriteAsync(r.ReportedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
        await importer.WriteAsync(fingerprint ?? StandIn(), NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(ReceivedAt, NpgsqlDbType.TimestampTz, cancellationToken);
    }

    public static async Task WriteVisitAsync(NpgsqlBinaryImporter importer, EnterpriseVisitRecorded v, string? fingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(v);
        await importer.WriteAsync(v.VisitId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(v.InstitutionId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(v.Tier.ToString(), NpgsqlDbType.Text, cancellationToken);
        await WriteTextAsync(importer, v.UnitCode, cancellationToken);
        await importer.WriteAsync(v.EmployerName, NpgsqlDbType.Text, cancellationToken);
        await WriteTextAsync(importer, v.EmployerCreditCode, cancellationToken);
        await importer.WriteAsync(v.VisitedOn, NpgsqlDbType.Date, cancellationToken);
        await importer.WriteAsync(v.Mode.ToString(), NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(v.PositionsOpened, NpgsqlDbType.Integer, cancellationToken);
        await importer.WriteAsync(fingerprint ?? StandIn(), NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(ReceivedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await importer.WriteAsync(EmployerIdentity.NormaliseName(v.EmployerName), NpgsqlDbType.Text, cancellationToken);
        await WriteTextAsync(importer, PostgresVisitStore.CodeKey(v.EmployerCreditCode), cancellationToken);
    }

    public static async Task WriteCancellationAsync(NpgsqlBinaryImporter importer, EnterpriseVisitCancelled c, string? fingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(c);
        await importer.WriteAsync(c.VisitId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(c.InstitutionId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(c.Reason, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(ReceivedAt, NpgsqlDbType.TimestampTz, cancellationToken);
    }

    private static (T Item, string? Fingerprint) Bulk<T>(T item) => (item, null);

    private static Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    /// <summary>A fingerprint's length and spread without hashing each bulk row's JSON (no bulk row is ever sent again).</summary>
    private static string StandIn() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The tables and columns the worker writes, in its column order.</summary>
    public static class Tables
    {
        public const string Graduates = "graduates (institution_id, cohort_year, graduate_id, unit_code, is_disadvantaged, fingerprint, received_at)";
        public const string Withdrawals = "graduate_withdrawals (institution_id, cohort_year, graduate_id, fingerprint, received_at)";
        public const string Reports = "destination_reports (report_id, institution_id, cohort_year, graduate_id, destination, effective_on, reported_at, fingerprint, received_at)";
        public const string Visits = "visits (visit_id, institution_id, tier, unit_code, employer_name, employer_credit_code, visited_on, mode, positions_opened, fingerprint, recorded_at, employer_name_key, employer_code_key)";
        public const string Cancellations = "visit_cancellations (visit_id, institution_id, reason, cancelled_at)";
    }
}
