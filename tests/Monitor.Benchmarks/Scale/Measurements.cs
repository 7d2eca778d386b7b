using System.Diagnostics;
using System.Globalization;
using Monitor.Worker.Inbound;

namespace Monitor.Benchmarks.Scale;

/// <summary>The measurements of one <c>scale</c> run, each against fresh databases and the run's own virtual host.</summary>
public sealed class Measurements(ScaleOptions options, Broker broker, string folder, ScaleResults results)
{
    private const string VisitExchange = "Monitor.Messages:EnterpriseVisitRecorded";
    private const string GraduateExchange = "Monitor.Messages:GraduateRegistered";
    private const string ReportExchange = "Monitor.Messages:GraduateDestinationReported";
    private const string EvaluationExchange = "Monitor.Messages:EvaluationRequested";
    private const string VisitQueue = "monitor-enterprise-visit-recorded";
    private const string SnapshotTap = "scale-snapshots";

    /// <summary>
    /// Raw JSON visits, then registrations with one report each, published while the worker is stopped and consumed
    /// once it starts; beside them a no-op consumer on the same broker and prefetch, and a COPY of the same rows.
    /// </summary>
    public async Task IngestAsync(CancellationToken cancellationToken)
    {
        var data = new ScaleData(100, options.Year);
        var (institutions, targets) = WriteCatalogue(data, "ingest", institutionsWithTargets: 1);
        await using var database = await Database.CreateAsync(options, "monitor_scale_ingest", migrate: false, cancellationToken);
        var events = options.IngestEvents;

        // A first start declares the queues; then the events wait in them while the worker is down.
        int prefetch;
        using (var worker = StartWorker(database, institutions, targets, "ingest-declare"))
        {
            await worker.WaitUntilStartedAsync(TimeSpan.FromMinutes(2), cancellationToken);

            // The management API lists consumers a few seconds after they subscribe.
            var asked = Stopwatch.StartNew();
            int? found;
            while ((found = await broker.ConsumerPrefetchAsync(VisitQueue, cancellationToken)) is null)
            {
                if (asked.Elapsed > TimeSpan.FromMinutes(1))
                {
                    throw new InvalidOperationException($"No consumer on {VisitQueue}.");
                }

                await Task.Delay(500, cancellationToken);
            }

            prefetch = found.Value;
        }

        var visits = Enumerable.Range(0, events).Select(data.IngestVisit).ToList();
        var graduates = Enumerable.Range(0, events / 2).Select(data.IngestGraduate).ToList();
        Console.Error.WriteLine($"[scale] ingest: prefetch {prefetch}; publishing {visits.Count:N0} visits");
        await broker.PublishRawAsync(VisitExchange, string.Empty, visits, cancellationToken);
        var visitRate = await ConsumeWithWorkerAsync(database, institutions, targets, "SELECT count(*) FROM visits", visits.Count, "ingest-visits", cancellationToken);

        Console.Error.WriteLine($"[scale] ingest: publishing {graduates.Count:N0} registrations and as many reports");
        await broker.PublishRawAsync(GraduateExchange, string.Empty, graduates.Select(g => g.Graduate), cancellationToken);
        await broker.PublishRawAsync(ReportExchange, string.Empty, graduates.Select(g => g.Report), cancellationToken);
        var placementRate = await ConsumeWithWorkerAsync(
            database, institutions, targets, "SELECT (SELECT count(*) FROM graduates) + (SELECT count(*) FROM destination_reports)", graduates.Count * 2, "ingest-placement", cancellationToken);

        foreach (var queue in new[] { VisitQueue, "monitor-graduate-registered", "monitor-graduate-destination-reported" })
        {
            var rejected = await broker.CountAsync(queue + "_error", cancellationToken);
            if (rejected > 0)
            {
                throw new InvalidOperationException($"{rejected} generated events were rejected into {queue}_error; see the worker's log.");
            }
        }

        Console.Error.WriteLine("[scale] ingest: the no-op consumer");
        await NoOpConsumers.DeclareAsync(options, broker.VirtualHost, prefetch, cancellationToken);
        await broker.PublishRawAsync(string.Empty, NoOpConsumers.VisitQueue, visits, cancellationToken);
        var noOpVisits = await NoOpConsumers.ConsumeAsync(options, broker.VirtualHost, prefetch, visits.Count, cancellationToken);
        await broker.PublishRawAsync(string.Empty, NoOpConsumers.GraduateQueue, graduates.Select(g => g.Graduate), cancellationToken);
        await broker.PublishRawAsync(string.Empty, NoOpConsumers.ReportQueue, graduates.Select(g => g.Report), cancellationToken);
        var noOpPlacement = await NoOpConsumers.ConsumeAsync(options, broker.VirtualHost, prefetch, graduates.Count * 2, cancellationToken);

        Console.Error.WriteLine("[scale] ingest: COPY of the same rows");
        foreach (var table in new[] { "visits", "graduates", "destination_reports" })
        {
            await database.ExecuteAsync($"CREATE TABLE copy_{table} (LIKE {table} INCLUDING ALL)", cancellationToken);
        }

        var visitRows = visits.Select(v => (v, (string?)Fingerprint.Of(v))).ToList();
        var graduateRows = graduates.Select(g => (g.Graduate, (string?)Fingerprint.Of(g.Graduate))).ToList();
        var reportRows = graduates.Select(g => (g.Report, (string?)Fingerprint.Of(g.Report))).ToList();
        // The better of two runs into emptied tables: the first also pays for loading and compiling the COPY code.
        Rate copyVisits = default, copyPlacement = default;
        for (var run = 0; run < 2; run++)
        {
            await database.ExecuteAsync("TRUNCATE copy_visits, copy_graduates, copy_destination_reports", cancellationToken);
            var visitsRun = await TimeAsync(() => CopyLoader.CopyAsync(database.DataSource, "copy_" + CopyLoader.Tables.Visits, visitRows, CopyLoader.WriteVisitAsync, cancellationToken));
            var placementRun = await TimeAsync(async () =>
                await CopyLoader.CopyAsync(database.DataSource, "copy_" + CopyLoader.Tables.Graduates, graduateRows, CopyLoader.WriteGraduateAsync, cancellationToken)
                + await CopyLoader.CopyAsync(database.DataSource, "copy_" + CopyLoader.Tables.Reports, reportRows, CopyLoader.WriteReportAsync, cancellationToken));
            copyVisits = visitsRun.PerSecond > copyVisits.PerSecond ? visitsRun : copyVisits;
            copyPlacement = placementRun.PerSecond > copyPlacement.PerSecond ? placementRun : copyPlacement;
        }

        results.Ingest.Add(new IngestResult("visits", visits.Count, prefetch, visitRate.Rate.PerSecond, noOpVisits.PerSecond, copyVisits.PerSecond, visitRate.PeakBytes));
        results.Ingest.Add(new IngestResult("graduates + reports", graduates.Count * 2, prefetch, placementRate.Rate.PerSecond, noOpPlacement.PerSecond, copyPlacement.PerSecond, placementRate.PeakBytes));
    }

    /// <summary>How long a start-up may take before it is recorded as not done.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Start-up with 1, 100 and 3,000 institutions, on a fresh database and again on the same one: to "Application
    /// started" (every service started) and to ready (<c>/health/ready</c> answers 200); null when not within five minutes.
    /// </summary>
    public async Task StartupAsync(CancellationToken cancellationToken)
    {
        foreach (var count in new[] { 1, 100, 3_000 })
        {
            var data = new ScaleData(count, options.Year);
            var (institutions, targets) = WriteCatalogue(data, $"startup-{count}");
            await using var database = await Database.CreateAsync(options, "monitor_scale_startup", migrate: false, cancellationToken);
            var times = new List<(double? Started, double? Ready)>();
            long peak = 0;
            foreach (var run in new[] { "first", "again" })
            {
                using var worker = StartWorker(database, institutions, targets, $"startup-{count}-{run}");
                TimeSpan? started;
                try
                {
                    started = await worker.WaitUntilStartedAsync(Patience, cancellationToken);
                }
                catch (TimeoutException)
                {
                    started = null;
                }

                var ready = started is null ? null : await worker.WaitUntilReadyAsync(Patience, cancellationToken);
                times.Add((started?.TotalSeconds, ready?.TotalSeconds));
                peak = Math.Max(peak, worker.PeakResidentBytes());
            }

            var result = new StartupResult(count, times[0].Started, times[0].Ready, times[1].Started, times[1].Ready, peak);
            results.Startup.Add(result);
            Console.Error.WriteLine($"[scale] start-up with {count:N0}: started {result.FirstStartedSeconds:N2} s, ready {result.FirstReadySeconds:N2} s; again {result.AgainStartedSeconds:N2} s, ready {result.AgainReadySeconds:N2} s");
        }
    }

    /// <summary>
    /// A warm evaluation (the worker has evaluated once since it started) of the province, and with --size nation of the
    /// nation at 10 %, 50 % and 100 % of its data, loaded by COPY between evaluations. An evaluation is over when the
    /// snapshot of every scope has been published.
    /// </summary>
    public async Task EvaluationAsync(CancellationToken cancellationToken)
    {
        await EvaluateAsync("province", 100, [100], cancellationToken);
        if (options.Nation)
        {
            await EvaluateAsync("nation", 3_000, [10, 50, 100], cancellationToken);
        }
    }

    private async Task EvaluateAsync(string name, int count, int[] percents, CancellationToken cancellationToken)
    {
        var data = new ScaleData(count, options.Year);
        var (institutions, targets) = WriteCatalogue(data, name);
        await using var database = await Database.CreateAsync(options, $"monitor_scale_{name}", migrate: true, cancellationToken);
        await broker.TapAsync(Broker.SnapshotExchange, SnapshotTap, cancellationToken);
        await broker.PurgeAsync(SnapshotTap, cancellationToken);
        WorkerProcess? worker = null;
        try
        {
            var loaded = 0;
            foreach (var percent in percents)
            {
                var load = await TimeAsync(() => CopyLoader.LoadAsync(database.DataSource, data, Slice.Between(loaded, percent), cancellationToken));
                await database.ExecuteAsync("VACUUM (ANALYZE)", cancellationToken);
                loaded = percent;
                Console.Error.WriteLine($"[scale] {name} {percent} %: loaded {load.Events:N0} rows in {load.Elapsed.TotalSeconds:N1} s");
                var graduates = await database.ScalarAsync("SELECT count(*) FROM graduates", cancellationToken);
                var reports = await database.ScalarAsync("SELECT count(*) FROM destination_reports", cancellationToken);
                var visits = await database.ScalarAsync("SELECT count(*) FROM visits", cancellationToken);

                // A snapshot per scope: each target's institution, every unit for unit visits, and each unit with a
                // graduate counted (on the roster, not withdrawn) for the placement rate, and with a disadvantaged one
                // for the disadvantaged rate.
                var units = await database.ScalarAsync(
                    """
                    SELECT count(DISTINCT (g.institution_id, g.unit_code)) + count(DISTINCT (g.institution_id, g.unit_code)) FILTER (WHERE g.is_disadvantaged)
                    FROM graduates g
                    WHERE NOT EXISTS (
                        SELECT 1 FROM graduate_withdrawals w
                        WHERE w.institution_id = g.institution_id AND w.cohort_year = g.cohort_year AND w.graduate_id = g.graduate_id
                          AND NOT EXISTS (
                              SELECT 1 FROM graduate_reinstatements r
                              WHERE r.institution_id = w.institution_id AND r.cohort_year = w.cohort_year AND r.graduate_id = w.graduate_id))
                    """,
                    cancellationToken);
                var scopes = (int)((count * (4 + ScaleData.Units)) + units);

                double? cold = null;
                if (worker is null)
                {
                    worker = StartWorker(database, institutions, targets, name);
                    await worker.WaitUntilStartedAsync(TimeSpan.FromMinutes(10), cancellationToken);
                    cold = (await WaitForSnapshotsAsync(scopes, cancellationToken)).TotalSeconds;
                    Console.Error.WriteLine($"[scale] {name} {percent} %: the start-up evaluation took {cold:N1} s");
                }

                await broker.PurgeAsync(SnapshotTap, cancellationToken);
                await broker.PublishRawAsync(EvaluationExchange, string.Empty, new[] { new { } }, cancellationToken);
                var warm = await WaitForSnapshotsAsync(scopes, cancellationToken);
                await broker.PurgeAsync(SnapshotTap, cancellationToken);
                var result = new EvaluationResult(name, percent, count, scopes, graduates, reports, visits, load.PerSecond, cold, warm.TotalSeconds, worker.PeakResidentBytes());
                results.Evaluation.Add(result);
                Console.Error.WriteLine($"[scale] {name} {percent} %: warm evaluation {result.WarmSeconds:N1} s, worker peak {result.PeakBytes / 1048576.0:N0} MB");
            }
        }
        finally
        {
            worker?.Dispose();
        }
    }

    /// <summary>Waits until the tap holds a snapshot of every scope; the time it took.</summary>
    private async Task<TimeSpan> WaitForSnapshotsAsync(int scopes, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var lastProgress = Stopwatch.StartNew();
        uint last = 0;
        while (true)
        {
            var count = await broker.CountAsync(SnapshotTap, cancellationToken);
            if (count >= scopes)
            {
                return started.Elapsed;
            }

            if (count != last)
            {
                last = count;
                lastProgress.Restart();
            }
            else if (lastProgress.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"Only {count} of {scopes} snapshots were published, none in the last ten minutes.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Starts the worker on queues that hold <paramref name="expected"/> events and times the middle 90 % of them reaching the tables.</summary>
    private async Task<(Rate Rate, long PeakBytes)> ConsumeWithWorkerAsync(
        Database database, string institutions, string targets, string countSql, long expected, string log, CancellationToken cancellationToken)
    {
        var before = await database.ScalarAsync(countSql, cancellationToken);
        using var worker = StartWorker(database, institutions, targets, log);
        var from = before + Math.Max(1, expected / 20);
        var to = before + expected - (expected / 20);
        (long Count, TimeSpan At)? first = null;
        var clock = Stopwatch.StartNew();
        var lastProgress = Stopwatch.StartNew();
        var last = before;
        while (true)
        {
            var count = await database.ScalarAsync(countSql, cancellationToken);
            var at = clock.Elapsed;
            if (first is null && count >= from)
            {
                first = (count, at);
            }

            if (count >= to && first is { } start)
            {
                var rate = new Rate(count - start.Count, at - start.At);
                Console.Error.WriteLine($"[scale] {log}: {rate.PerSecond:N0} events/s");
                await WaitForAllAsync(database, countSql, before + expected, cancellationToken);
                return (rate, worker.PeakResidentBytes());
            }

            if (count != last)
            {
                last = count;
                lastProgress.Restart();
            }
            else if (lastProgress.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"{log}: {count - before} of {expected} events stored, none in the last two minutes.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static async Task WaitForAllAsync(Database database, string countSql, long total, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (await database.ScalarAsync(countSql, cancellationToken) < total)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"Not every event was stored ({countSql} < {total}).");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private WorkerProcess StartWorker(Database database, string institutions, string targets, string log) =>
        WorkerProcess.Start(options, database.Name, broker.VirtualHost, institutions, targets, Path.Combine(folder, $"worker-{log}.log"));

    private (string Institutions, string Targets) WriteCatalogue(ScaleData data, string name, int? institutionsWithTargets = null)
    {
        var institutions = Path.Combine(folder, $"institutions-{name}.json");
        var targets = Path.Combine(folder, $"targets-{name}.json");
        data.WriteInstitutions(institutions);
        data.WriteTargets(targets, institutionsWithTargets);
        return (institutions, targets);
    }

    private static async Task<Rate> TimeAsync(Func<Task<long>> work)
    {
        var clock = Stopwatch.StartNew();
        var rows = await work();
        return new Rate(rows, clock.Elapsed);
    }
}

public sealed record IngestResult(string Stream, long Events, int Prefetch, double WorkerPerSecond, double NoOpPerSecond, double CopyPerSecond, long PeakBytes)
{
    /// <summary>The worker's rate over the lower of its two ceilings.</summary>
    public double Ratio => WorkerPerSecond / Math.Min(NoOpPerSecond, CopyPerSecond);
}

public sealed record StartupResult(int Institutions, double? FirstStartedSeconds, double? FirstReadySeconds, double? AgainStartedSeconds, double? AgainReadySeconds, long PeakBytes);

public sealed record EvaluationResult(
    string DataSet, int Percent, int Institutions, int Scopes, long Graduates, long Reports, long Visits, double LoadRowsPerSecond, double? ColdSeconds, double WarmSeconds, long PeakBytes);

/// <summary>Everything measured, printed as tables and as one JSON line.</summary>
public sealed class ScaleResults
{
    public Dictionary<string, string> Machine { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    public List<IngestResult> Ingest { get; } = [];

    public List<StartupResult> Startup { get; } = [];

    public List<EvaluationResult> Evaluation { get; } = [];

    /// <summary>Measurements that could not be completed, and why.</summary>
    public List<string> Failures { get; } = [];

    public static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture);
}
