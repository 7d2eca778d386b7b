using System.Diagnostics;
using Monitor.Messages;
using Monitor.Worker.Placement;
using Monitor.Worker.Visits;
using Npgsql;

namespace Monitor.Benchmarks.Scale;

/// <summary>
/// The set-based figures an evaluation would read (not wired into the evaluator yet): for every institution, in chunks,
/// the visit series of both tiers and the placement series of the cohort, straight from the PostgreSQL stores. The
/// second of two passes is timed, as a warm evaluation would find the database.
/// </summary>
public static class Figures
{
    public const int Chunk = 100;

    public static async Task<FiguresResult> MeasureAsync(NpgsqlDataSource dataSource, ScaleData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var visits = new PostgresVisitStore(dataSource);
        var placement = new PostgresPlacementStore(dataSource);
        var chunks = Enumerable.Range(0, data.Institutions).Select(ScaleData.InstitutionId).Chunk(Chunk).ToList();
        var firstDay = new DateOnly(data.Year, 1, 1);
        var lastDay = new DateOnly(data.Year, 12, 31);
        FiguresResult? result = null;
        for (var pass = 0; pass < 2; pass++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            long series = 0;
            var clock = Stopwatch.StartNew();
            foreach (var chunk in chunks)
            {
                series += (await visits.GetVisitSeriesAsync(chunk, VisitTier.Leadership, firstDay, lastDay, cancellationToken)).Count;
                series += (await visits.GetVisitSeriesAsync(chunk, VisitTier.Unit, firstDay, lastDay, cancellationToken)).Count;
            }

            var visitSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            foreach (var chunk in chunks)
            {
                series += (await placement.GetPlacementSeriesAsync(chunk, data.Year, data.LastDay, cancellationToken)).Count;
            }

            result = new FiguresResult(string.Empty, 0, data.Institutions, Chunk, 0, 0, 0, series, visitSeconds, clock.Elapsed.TotalSeconds, GC.GetTotalAllocatedBytes(precise: true) - allocated);
        }

        return result!;
    }
}

public sealed record FiguresResult(
    string DataSet, int Percent, int Institutions, int Chunk, long Graduates, long Reports, long Visits, long Series, double VisitSeconds, double PlacementSeconds, long AllocatedBytes);
