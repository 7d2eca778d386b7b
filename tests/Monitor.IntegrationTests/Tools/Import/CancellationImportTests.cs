using Monitor.IntegrationTests.Infrastructure;
using Monitor.Worker.Tools.Common;

namespace Monitor.IntegrationTests.Tools.Import;

/// <summary><c>import cancellations</c> of visits imported without 走访编号, into a running worker on RabbitMQ and PostgreSQL.</summary>
public sealed class CancellationImportTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const string Queue = "monitor-enterprise-visit-cancelled";

    /// <summary>
    /// Three rows copied from <see cref="ImportVisits.Csv"/> with a reason: a leadership visit (天津渤海化工, its only one),
    /// DZ's only visit, and the second visit of RG's employer (which its first visit still covers).
    /// </summary>
    private const string Csv = """
        走访日期,走访层级,学院,用人单位名称,统一社会信用代码,走访方式,开拓岗位数,备注,撤销原因
        2024/5/6,领导班子,,天津渤海化工集团有限责任公司,,走出去,7,,走访未成行，误录
        2024/4/16,二级学院,电子信息与自动化学院,天津中环电子信息集团有限公司,91120222MA07QW3E2P,走出去,15,,重复登记
        2024/5/15,二级学院,RG,天津人工智能创新中心,,走出去,4,,日期有误，另行录入
        """;

    [Fact]
    public async Task When_imported_visits_are_cancelled_by_their_rows_should_drop_the_employers_they_alone_covered_and_change_nothing_when_imported_again()
    {
        var visits = CsvImportRunner.WriteCsv(ImportVisits.Csv);
        var cancellations = CsvImportRunner.WriteCsv(Csv);
        try
        {
            var imported = await CsvImportRunner.RunAsync(env.VirtualHost, "import", "visits", visits);
            Assert.Equal(ExitCodes.Ok, imported.Exit);
            await Eventually.UntilAsync(() => env.CountAsync("SELECT count(*) FROM visits"), n => n == ImportVisits.Visits, $"{ImportVisits.Visits} visits are stored");
            Assert.Equal((3m, 3m, 1m, 1m, 1m), await CountsAsync());

            var (exit, output) = await CsvImportRunner.RunAsync(env.VirtualHost, "import", "cancellations", cancellations);

            Assert.Equal(ExitCodes.Ok, exit);
            Assert.Contains("Rows read: 3 · valid: 3 · rejected: 0 · duplicates: 0 · sent to the worker: 3", output);
            await Eventually.UntilAsync(() => env.CountAsync("SELECT count(*) FROM visit_cancellations"), n => n == 3, "3 cancellations are stored");
            Assert.Equal(3, await env.CountAsync("SELECT count(*) FROM visits v JOIN visit_cancellations c USING (institution_id, visit_id)"));
            var after = await CountsAsync();
            Assert.Equal((2m, 2m, 1m, 0m, 1m), after);

            var again = await CsvImportRunner.RunAsync(env.VirtualHost, "import", "cancellations", cancellations);

            Assert.Equal(ExitCodes.Ok, again.Exit);
            await Eventually.UntilAsync(
                () => env.VirtualHost.GetQueueStatsAsync(Queue),
                stats => stats.Acknowledged >= 6 && stats.Messages == 0,
                "the second import's messages are consumed",
                TimeSpan.FromSeconds(30));
            Assert.Equal(3, await env.CountAsync("SELECT count(*) FROM visit_cancellations"));
            Assert.Equal(after, await CountsAsync());
            Assert.Empty(await env.Broker.PeekQueueAsync($"{Queue}_error"));
            await env.Broker.SettleAsync();
            Assert.Empty(env.Broker.Rejections);
        }
        finally
        {
            File.Delete(visits);
            File.Delete(cancellations);
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
