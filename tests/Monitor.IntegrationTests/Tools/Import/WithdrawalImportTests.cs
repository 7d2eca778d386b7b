using Monitor.IntegrationTests.Infrastructure;
using Monitor.Worker.Tools.Common;

namespace Monitor.IntegrationTests.Tools.Import;

/// <summary><c>import withdrawals</c> after a roster, into a running worker on RabbitMQ and PostgreSQL.</summary>
public sealed class WithdrawalImportTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const string Queue = "monitor-graduate-withdrawn";

    /// <summary>Four graduates; two disadvantaged (2024JX0002, 2024DZ0001).</summary>
    private const string Roster = """
        学号,姓名,学院,专业,困难群体
        2024JX0001,张三,机械工程学院,机电一体化技术,
        2024JX0002,李四,JX,数控技术,低保家庭
        2024DZ0001,王五,电子信息与自动化学院,应用电子技术,脱贫家庭、残疾
        2024RG0001,赵六,人工智能学院,人工智能技术应用,无
        """;

    private const string Withdrawals = """
        学号,姓名,原因
        2024DZ0001,王五,延期毕业
        2024RG0001,赵六,退学
        2024RG0001,赵六,退学
        """;

    [Fact]
    public async Task When_graduates_are_withdrawn_by_import_should_drop_the_cohorts_denominators_and_change_nothing_when_imported_again()
    {
        var roster = CsvImportRunner.WriteCsv(Roster);
        var withdrawals = CsvImportRunner.WriteCsv(Withdrawals);
        try
        {
            var imported = await CsvImportRunner.RunAsync(env.VirtualHost, "import", "graduates", roster, "--cohort", "2024");
            Assert.Equal(ExitCodes.Ok, imported.Exit);
            await Eventually.UntilAsync(() => env.CountAsync("SELECT count(*) FROM graduates"), n => n == 4, "4 graduates are stored");
            Assert.Equal((4, 2), await DenominatorsAsync());

            // The roster given as withdrawals by mistake is refused before anything is sent (sent, it would withdraw all
            // four: the counts below would be 4 withdrawals and denominators of 0).
            var wrongFile = await CsvImportRunner.RunAsync(env.VirtualHost, "import", "withdrawals", roster, "--cohort", "2024");
            Assert.Equal(ExitCodes.InputRejected, wrongFile.Exit);
            Assert.Contains(wrongFile.Output, l => l.StartsWith("Cannot import: This looks like a graduate roster, not a file of withdrawals", StringComparison.Ordinal));

            var (exit, output) = await CsvImportRunner.RunAsync(env.VirtualHost, "import", "withdrawals", withdrawals, "--cohort", "2024");

            Assert.Equal(ExitCodes.Ok, exit);
            Assert.Contains("Rows read: 3 · valid: 3 · rejected: 0 · duplicates: 1 · sent to the worker: 2", output);
            Assert.Contains("This import withdraws 2 graduate(s) from their cohort's roster: they leave the placement rate's denominator, and the worker keeps the first withdrawal of a graduate.", output);
            Assert.Contains(output, l => l.StartsWith("Sent is not yet stored:", StringComparison.Ordinal) && l.EndsWith($"the message is kept in {Queue}_error, and the worker logs it.", StringComparison.Ordinal));
            await Eventually.UntilAsync(() => env.CountAsync("SELECT count(*) FROM graduate_withdrawals"), n => n == 2, "2 withdrawals are stored");
            Assert.Equal((2, 1), await DenominatorsAsync());

            var again = await CsvImportRunner.RunAsync(env.VirtualHost, "import", "withdrawals", withdrawals, "--cohort", "2024");

            Assert.Equal(ExitCodes.Ok, again.Exit);
            await Eventually.UntilAsync(
                () => env.VirtualHost.GetQueueStatsAsync(Queue),
                stats => stats.Acknowledged >= 4 && stats.Messages == 0,
                "the second import's messages are consumed",
                TimeSpan.FromSeconds(30));
            Assert.Equal(2, await env.CountAsync("SELECT count(*) FROM graduate_withdrawals"));
            Assert.Equal((2, 1), await DenominatorsAsync());
            Assert.Empty(await env.Broker.PeekQueueAsync($"{Queue}_error"));
            await env.Broker.SettleAsync();
            Assert.Empty(env.Broker.Rejections);
        }
        finally
        {
            File.Delete(roster);
            File.Delete(withdrawals);
        }
    }

    /// <summary>The institution's denominators of the 2024 placement rate and of its disadvantaged graduates' rate.</summary>
    private async Task<(int Graduates, int Disadvantaged)> DenominatorsAsync()
    {
        async Task<int> DenominatorAsync(string target)
        {
            var evaluations = await env.Worker.Evaluator.EvaluateAsync(WorkerEnvironment.Institution, target, CancellationToken.None);
            return Assert.Single(evaluations, e => e.UnitCode is null).Assessment.Denominator ?? -1;
        }

        return (await DenominatorAsync("placement-2024"), await DenominatorAsync("placement-disadvantaged-2024"));
    }
}
