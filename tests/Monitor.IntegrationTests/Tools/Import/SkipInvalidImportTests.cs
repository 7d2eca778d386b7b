using Monitor.IntegrationTests.Infrastructure;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Visits;

namespace Monitor.IntegrationTests.Tools.Import;

/// <summary><c>--skip-invalid</c>: the valid rows of a file with rejected ones reach the worker; the rejected ones do not.</summary>
public sealed class SkipInvalidImportTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    [Fact]
    public async Task When_importing_with_skip_invalid_should_publish_the_valid_rows_and_still_exit_1()
    {
        var path = CsvImportRunner.WriteCsv("""
            走访日期,走访层级,学院,用人单位名称,走访方式,开拓岗位数
            2024/3/12,领导班子,,天津滨海智能装备有限公司,走出去,12
            2024/4/9,二级学院,外语学院,天津港集团有限公司,走出去,3
            2024/5/6,领导班子,,天津渤海化工集团有限责任公司,请进来,7
            """);
        try
        {
            var (exit, output) = await CsvImportRunner.RunAsync(env.VirtualHost, "import", "visits", path, "--skip-invalid");

            Assert.Equal(ExitCodes.InputRejected, exit);
            Assert.Contains("  line 3, column 学院: '外语学院' is not a unit of tjqg (JX, DZ, RG, XN, CL, JG, YS, ZJ)", output);
            Assert.Contains("Rows read: 3 · valid: 2 · rejected: 1 · duplicates: 0 · sent to the worker: 2", output);
            var stored = await Eventually.UntilAsync(
                () => env.Worker.Visits.GetActiveVisitsAsync(WorkerEnvironment.Institution, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), CancellationToken.None),
                visits => visits.Count == 2,
                "the two valid visits are stored");
            Assert.Equal(["天津渤海化工集团有限责任公司", "天津滨海智能装备有限公司"], stored.Select(v => v.EmployerName).Order(StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
