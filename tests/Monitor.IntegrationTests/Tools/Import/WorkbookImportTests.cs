using System.Globalization;
using System.Text.Json;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Tests.Support;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Status;

namespace Monitor.IntegrationTests.Tools.Import;

/// <summary>
/// An Excel workbook as the office keeps it (a title row, Chinese headers, date cells), imported into a running worker
/// on RabbitMQ and PostgreSQL: a wrong cell on row 7 is reported by row and column letter and nothing is sent; the
/// corrected workbook is sent, the worker is asked to evaluate at once, and <c>status</c> shows fresh figures.
/// </summary>
public sealed class WorkbookImportTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const string Target = "leadership-visits-2024";

    [Fact]
    public async Task When_a_workbook_is_imported_should_report_row_7_column_C_then_send_evaluate_at_once_and_show_fresh_figures_in_status()
    {
        var wrong = Workbook("外国语学院");
        var right = Workbook("机械工程学院");
        try
        {
            var before = await LastEvaluatedAtAsync();
            env.Clock.Advance(TimeSpan.FromMinutes(1));

            var (exit, output) = await CsvImportRunner.RunAsync(env.VirtualHost, "import", "visits", wrong, "--Monitor:Language=zh-CN");

            Assert.Equal(ExitCodes.InputRejected, exit);
            Assert.Contains("跳过表头上方的第 1 行：天津轻工职业技术学院 2024 年访企拓岗走访记录", output);
            Assert.Contains("  第 7 行 C 列（学院）：「外国语学院」不是 tjqg 的单位（JX, DZ, RG, XN, CL, JG, YS, ZJ）", output);
            Assert.Contains("读取 10 行 · 有效 9 · 拒绝 1 · 重复 1 · 已发送给 worker 0", output);

            (exit, output) = await CsvImportRunner.RunAsync(env.VirtualHost, "import", "visits", right, "--Monitor:Language=zh-CN");

            Assert.Equal(ExitCodes.Ok, exit);
            Assert.Contains($"读取 10 行 · 有效 10 · 拒绝 0 · 重复 1 · 已发送给 worker {ImportVisits.Visits}", output);
            Assert.Contains("已请 worker 立即重新评估 tjqg 的目标（EvaluationRequested）：`status` 很快就会显示包含这些数据的数字。", output);

            // The request, not the 5-minute schedule (the fake clock does not move), evaluates the imported visits.
            await Eventually.UntilAsync(LastEvaluatedAtAsync, at => at > before, "the worker evaluates on the import's request");
            var (statusExit, json) = await CliRun.RunAsync(
                "status", "--json", "--at", "2024-06-15", "--target", Target, "--Monitor:Storage=Postgres", "--ConnectionStrings:Monitor", env.Database.ConnectionString);

            Assert.Equal(ExitCodes.Ok, statusExit);
            var row = Assert.Single(JsonSerializer.Deserialize<List<StatusRecord>>(json, CliJson.Indented)!);
            Assert.Equal((ImportVisits.LeadershipEmployers * 1m, "announced"), (row.Actual, row.StatusSource));
            Assert.Equal(env.Clock.GetUtcNow(), row.EvaluatedAt);
            Assert.Equal(ImportVisits.LeadershipEmployers * 1m, await ScalarAsync<decimal>($"SELECT last_actual FROM alert_state WHERE target_id = '{Target}' AND scope_key = 'tjqg'"));
        }
        finally
        {
            File.Delete(wrong);
            File.Delete(right);
        }
    }

    [Fact]
    public async Task When_status_is_asked_to_refresh_should_wait_for_a_new_evaluation_and_say_it_is_fresh()
    {
        var before = await LastEvaluatedAtAsync();
        env.Clock.Advance(TimeSpan.FromMinutes(1));

        var (exit, output) = await CliRun.RunAsync(
            "status", "--refresh", "--target", Target, "--Monitor:Storage=Postgres", "--ConnectionStrings:Monitor", env.Database.ConnectionString,
            "--Monitor:Transport=RabbitMq", $"--RabbitMqTransport:Host={TestSettings.RabbitMqHost}", $"--RabbitMqTransport:Port={TestSettings.RabbitMqPort.ToString(CultureInfo.InvariantCulture)}",
            $"--RabbitMqTransport:VHost={env.VirtualHost.Name}", $"--RabbitMqTransport:User={TestSettings.RabbitMqUser}", $"--RabbitMqTransport:Pass={TestSettings.RabbitMqPass}");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.True(await LastEvaluatedAtAsync() > before);
        Assert.Contains("worker 刚刚评估过（2024-06-15 10:", output, StringComparison.Ordinal);
        Assert.Contains("：数字和状态都是最新的。", output, StringComparison.Ordinal);
    }

    /// <summary>ImportVisits' rows in a workbook under a title row: row 7 (the sixth visit, a unit visit) names <paramref name="unit"/> in column C.</summary>
    private static string Workbook(string unit)
    {
        var rows = new List<object?[]>
        {
            new object?[] { "天津轻工职业技术学院 2024 年访企拓岗走访记录", null, null, null, null, null, null, null },
        };
        foreach (var line in ImportVisits.Csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cells = line.Split(',');
            rows.Add(rows.Count == 1
                ? [.. cells]
                : [DateOnly.ParseExact(cells[0], "yyyy/M/d", CultureInfo.InvariantCulture), cells[1], rows.Count == 6 ? unit : Empty(cells[2]), cells[3], Empty(cells[4]), cells[5], int.Parse(cells[6], CultureInfo.InvariantCulture), Empty(cells[7])]);
        }

        return Workbooks.Write(Path.Combine(Path.GetTempPath(), $"monitor-import-{Guid.NewGuid():N}.xlsx"), rows, ["A1:H1"]);
    }

    private static string? Empty(string cell) => cell.Length == 0 ? null : cell;

    private async Task<DateTimeOffset> LastEvaluatedAtAsync() =>
        new(DateTime.SpecifyKind(await ScalarAsync<DateTime>($"SELECT coalesce(max(last_evaluated_at), 'epoch') FROM alert_state WHERE target_id = '{Target}'"), DateTimeKind.Utc));

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = env.Database.DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
