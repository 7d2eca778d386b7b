using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Monitor.Benchmarks.Scale;

/// <summary>
/// <c>scale</c>: the worker against the real servers at a province's and the nation's size — ingest beside its
/// ceilings, start-up, warm evaluations and peak memory — printed as tables and one JSON line.
/// </summary>
public static class ScaleCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        ScaleOptions options;
        try
        {
            options = ScaleOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var cancellationToken = stop.Token;
        var folder = Directory.CreateTempSubdirectory("monitor-scale-").FullName;
        var results = new ScaleResults();
        await DescribeAsync(options, results, cancellationToken);
        Console.Error.WriteLine($"[scale] {options.Size}, year {options.Year}; files and worker logs in {folder}");

        await using (var broker = await Broker.CreateAsync(options, cancellationToken))
        {
            var measurements = new Measurements(options, broker, folder, results);
            foreach (var (part, measure) in new (string, Func<CancellationToken, Task>)[]
            {
                ("ingest", measurements.IngestAsync),
                ("startup", measurements.StartupAsync),
                ("evaluation", measurements.EvaluationAsync),
            })
            {
                if (!options.Parts.Contains(part))
                {
                    continue;
                }

                try
                {
                    await measure(cancellationToken);
                }
                catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or NpgsqlException)
                {
                    // The other parts still run, and what this one measured before it failed is still printed.
                    results.Failures.Add($"{part}: {ex.Message}");
                    Console.Error.WriteLine($"[scale] {part} failed: {ex}");
                }
            }
        }

        Console.WriteLine(Table(results));
        Console.WriteLine(JsonSerializer.Serialize(results, Json));
        return 0;
    }

    /// <summary>The tables in Markdown, as docs/scaling.md keeps them.</summary>
    public static string Table(ScaleResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"Machine: {string.Join("; ", results.Machine.Select(m => $"{m.Key} {m.Value}"))}");
        text.AppendLine(Invariant, $"Settings: {string.Join("; ", results.Settings.Select(m => $"{m.Key} {m.Value}"))}");
        if (results.Ingest.Count > 0)
        {
            text.AppendLine()
                .AppendLine("| ingest (raw JSON) | events | prefetch | worker events/s | no-op consumer /s | COPY rows/s | worker ÷ lower ceiling | worker peak MB |")
                .AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var r in results.Ingest)
            {
                text.AppendLine(Invariant, $"| {r.Stream} | {r.Events:N0} | {r.Prefetch} | {r.WorkerPerSecond:N0} | {r.NoOpPerSecond:N0} | {r.CopyPerSecond:N0} | {r.Ratio:N2} | {ScaleResults.Megabytes(r.PeakBytes)} |");
            }
        }

        if (results.Startup.Count > 0)
        {
            text.AppendLine()
                .AppendLine("| start-up | fresh database: started s | ready s | again: started s | ready s | worker peak MB |")
                .AppendLine("|---|--:|--:|--:|--:|--:|");
            foreach (var r in results.Startup)
            {
                text.AppendLine(Invariant, $"| {r.Institutions:N0} institution{(r.Institutions == 1 ? string.Empty : "s")} | {Seconds(r.FirstStartedSeconds)} | {Seconds(r.FirstReadySeconds)} | {Seconds(r.AgainStartedSeconds)} | {Seconds(r.AgainReadySeconds)} | {ScaleResults.Megabytes(r.PeakBytes)} |");
            }
        }

        if (results.Evaluation.Count > 0)
        {
            text.AppendLine()
                .AppendLine("| evaluation | institutions | scopes | graduates | reports | visits | first (cold) s | warm s | worker peak MB |")
                .AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var r in results.Evaluation)
            {
                text.AppendLine(Invariant, $"| {r.DataSet} {r.Percent} % | {r.Institutions:N0} | {r.Scopes:N0} | {r.Graduates:N0} | {r.Reports:N0} | {r.Visits:N0} | {(r.ColdSeconds is { } cold ? cold.ToString("N1", Invariant) : "–")} | {r.WarmSeconds:N1} | {ScaleResults.Megabytes(r.PeakBytes)} |");
            }
        }

        foreach (var failure in results.Failures)
        {
            text.AppendLine().AppendLine(Invariant, $"Not measured: {failure}");
        }

        return text.ToString();
    }

    private static string Seconds(double? seconds) => seconds is { } s ? s.ToString("N2", Invariant) : "not in 5 min";

    private static async Task DescribeAsync(ScaleOptions options, ScaleResults results, CancellationToken cancellationToken)
    {
        var machine = results.Machine;
        machine["cpu"] = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        machine["cores"] = Environment.ProcessorCount.ToString(Invariant);
        machine["memory"] = $"{long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Invariant) / 1048576.0:N1} GB";
        machine["os"] = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"') ?? RuntimeInformation.OSDescription
            : RuntimeInformation.OSDescription;
        machine["runtime"] = RuntimeInformation.FrameworkDescription;
        await using var connection = new NpgsqlConnection(options.Postgres);
        await connection.OpenAsync(cancellationToken);
        machine["postgresql"] = connection.PostgreSqlVersion.ToString();
        results.Settings["size"] = options.Size;
        results.Settings["year"] = options.Year.ToString(Invariant);
        results.Settings["postgres"] = string.Join(';', options.Postgres.Split(';').Where(p => !p.StartsWith("Password", StringComparison.OrdinalIgnoreCase)));
        foreach (var (key, value) in options.WorkerSettings)
        {
            results.Settings[key] = value;
        }
    }
}
