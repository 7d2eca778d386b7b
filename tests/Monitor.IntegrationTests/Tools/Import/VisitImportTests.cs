using Monitor.IntegrationTests.Infrastructure;
using Monitor.Worker.Tools.Common;

namespace Monitor.IntegrationTests.Tools.Import;

/// <summary><c>import visits</c> into a running worker on RabbitMQ and PostgreSQL, through the executable's entry point.</summary>
public sealed class VisitImportTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const string Queue = "monitor-enterprise-visit-recorded";

    [Fact]
    public async Task When_a_visits_file_is_imported_should_count_each_employer_once_and_change_nothing_when_imported_again()
    {
        var path = CsvImportRunner.WriteCsv(ImportVisits.Csv);
        try
        {
            var (exit, output) = await CsvImportRunner.RunAsync(env.VirtualHost, "import", "visits", path);

            Assert.Equal(ExitCodes.Ok, exit);
            Assert.Contains($"Rows read: {ImportVisits.Rows} · valid: {ImportVisits.Rows} · rejected: 0 · duplicates: 1 · sent to the worker: {ImportVisits.Visits}", output);
            await Eventually.UntilAsync(() => env.CountAsync("SELECT count(*) FROM visits"), n => n == ImportVisits.Visits, $"{ImportVisits.Visits} visits are stored");
            var before = await CountsAsync();
            Assert.Equal((ImportVisits.LeadershipEmployers, ImportVisits.UnitEmployers, 1m, 1m, 1m), before);

            var again = await CsvImportRunner.RunAsync(env.VirtualHost, "import", "visits", path);

            Assert.Equal(ExitCodes.Ok, again.Exit);
            Assert.Contains($"Rows read: {ImportVisits.Rows} · valid: {ImportVisits.Rows} · rejected: 0 · duplicates: 1 · sent to the worker: {ImportVisits.Visits}", again.Output);
            await Eventually.UntilAsync(
                () => env.VirtualHost.GetQueueStatsAsync(Queue),
                stats => stats.Acknowledged >= 2 * ImportVisits.Visits && stats.Messages == 0,
                "the second import's messages are consumed",
                TimeSpan.FromSeconds(30));
            Assert.Equal(ImportVisits.Visits, await env.CountAsync("SELECT count(*) FROM visits"));
            Assert.Equal(before, await CountsAsync());
            Assert.Empty(await env.Broker.PeekQueueAsync($"{Queue}_error"));
            await env.Broker.SettleAsync();
            Assert.Empty(env.Broker.Rejections);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Distinct employers: leadership, units, and the units JX, DZ and RG.</summary>
    private async Task<(decimal Leadership, decimal Units, decimal Jx, decimal Dz, decimal Rg)> CountsAsync()
    {
        var leadership = await env.Worker.Evaluator.EvaluateAsync(WorkerEnvironment.Institution, "leadership-visits-2024", CancellationToken.None);
        var units = await env.Worker.Evaluator.EvaluateAsync(WorkerEnvironment.Institution, "unit-visits-2024", CancellationToken.None);
        decimal Unit(string? code) => Assert.Single(units, e => e.UnitCode == code).Assessment.Actual;
        return (Assert.Single(leadership).Assessment.Actual, Unit(null), Unit("JX"), Unit("DZ"), Unit("RG"));
    }
}
