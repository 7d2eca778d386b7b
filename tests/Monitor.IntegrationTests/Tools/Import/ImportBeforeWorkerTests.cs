using Microsoft.Extensions.Time.Testing;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Worker.Tools.Common;

namespace Monitor.IntegrationTests.Tools.Import;

/// <summary>
/// An import while no worker runs: the import declares the worker's durable queue itself, the messages wait there, and a
/// worker started afterwards (declaring the same queue its own way) consumes every one of them.
/// </summary>
public sealed class ImportBeforeWorkerTests
{
    private const string Queue = "monitor-enterprise-visit-recorded";

    [Fact]
    public async Task When_visits_are_imported_before_the_worker_starts_should_count_them_all_once_it_runs()
    {
        var path = CsvImportRunner.WriteCsv(ImportVisits.Csv);
        await using var database = await TestDatabase.CreateAsync();
        await using var virtualHost = await TestVirtualHost.CreateAsync();
        try
        {
            var (exit, output) = await CsvImportRunner.RunAsync(virtualHost, "import", "visits", path);

            Assert.Equal(ExitCodes.Ok, exit);
            Assert.Contains(output, l => l.EndsWith($"sent to the worker: {ImportVisits.Visits}", StringComparison.Ordinal));
            var waiting = await Eventually.UntilAsync(
                () => virtualHost.GetQueueStatsAsync(Queue),
                stats => stats.Messages == ImportVisits.Visits,
                "the imported visits wait in the worker's queue",
                TimeSpan.FromSeconds(30));
            Assert.Equal(0, waiting.Acknowledged);

            await using var worker = await WorkerHost.StartAsync(database, virtualHost, new FakeTimeProvider(WorkerEnvironment.Start));
            await Eventually.UntilAsync(
                async () =>
                {
                    await using var command = database.DataSource.CreateCommand("SELECT count(*) FROM visits");
                    return (long)(await command.ExecuteScalarAsync())!;
                },
                n => n == ImportVisits.Visits,
                $"{ImportVisits.Visits} visits are stored");

            var leadership = await worker.Evaluator.EvaluateAsync(WorkerEnvironment.Institution, "leadership-visits-2024", CancellationToken.None);
            Assert.Equal(ImportVisits.LeadershipEmployers, Assert.Single(leadership).Assessment.Actual);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
