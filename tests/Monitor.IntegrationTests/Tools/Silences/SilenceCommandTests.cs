using System.Text.Json;
using Monitor.IntegrationTests.Storage;
using Monitor.Tests.Support;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Silences;

namespace Monitor.IntegrationTests.Tools.Silences;

/// <summary><c>silence add|list|remove</c> against a PostgreSQL database migrated as the worker does.</summary>
public sealed class SilenceCommandTests(PostgresStoreContract.MigratedDatabase database) : IClassFixture<PostgresStoreContract.MigratedDatabase>
{
    private string ConnectionString => database.ConnectionString;

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) =>
        CliRun.RunAsync([.. args, "--Monitor:Storage=Postgres", "--ConnectionStrings:Monitor", ConnectionString]);

    [Fact]
    public async Task When_a_silence_is_added_listed_and_removed_should_say_what_it_covers_until_when_who_and_why_each_time()
    {
        var (added, addOutput) = await RunAsync("silence", "add", "--unit", "XN", "--target", "unit-visits-2024", "--until", "2030-07-01", "--reason", "迎评期间暂停提醒", "--by", "张三");
        Assert.Equal(ExitCodes.Ok, added);
        var id = long.Parse(addOutput.Split('#')[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            $"已添加静默：#{id} 新能源工程学院 · 二级学院和职能部门领导走访用人单位，至 2030-07-01 00:00（张三：迎评期间暂停提醒）。告警照常发布，在此之前机器人不推送。",
            addOutput.Trim());

        var (_, json) = await RunAsync("silence", "list", "--json");
        var record = Assert.Single(JsonSerializer.Deserialize<List<SilenceRecord>>(json, CliJson.Indented)!, r => r.Id == id);
        Assert.Equal(("tjqg", "XN", "unit-visits-2024", "active", "张三"), (record.InstitutionId, record.UnitCode, record.TargetId, record.State, record.CreatedBy));
        Assert.Equal(new DateTimeOffset(2030, 6, 30, 16, 0, 0, TimeSpan.Zero), record.EndsAt);

        var (_, table) = await RunAsync("silence", "list");
        Assert.Contains($"#{id}", table, StringComparison.Ordinal);
        Assert.Contains("新能源工程学院 · 二级学院和职能部门领导走访用人单位", table, StringComparison.Ordinal);
        Assert.Contains("生效中", table, StringComparison.Ordinal);

        var (removed, removeOutput) = await RunAsync("silence", "remove", $"#{id}", "--by", "李四");
        Assert.Equal(ExitCodes.Ok, removed);
        Assert.StartsWith($"已解除静默：#{id} 新能源工程学院", removeOutput.Trim(), StringComparison.Ordinal);

        var (_, after) = await RunAsync("silence", "list", "--json");
        Assert.DoesNotContain(JsonSerializer.Deserialize<List<SilenceRecord>>(after, CliJson.Indented)!, r => r.Id == id);
        var (_, all) = await RunAsync("silence", "list", "--all", "--json");
        var ended = Assert.Single(JsonSerializer.Deserialize<List<SilenceRecord>>(all, CliJson.Indented)!, r => r.Id == id);
        Assert.Equal(("removed", "李四"), (ended.State, ended.RemovedBy));
        var (again, againOutput) = await RunAsync("silence", "remove", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--by", "李四");
        Assert.Equal(ExitCodes.Ok, again);
        Assert.Contains("已不在生效中（已由 李四 解除）", againOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_silence_is_wrong_should_refuse_it_saying_what_to_fix_and_keep_nothing()
    {
        var (_, before) = await RunAsync("silence", "list", "--all", "--json");
        var count = JsonSerializer.Deserialize<List<SilenceRecord>>(before, CliJson.Indented)!.Count;

        var (past, pastOutput) = await RunAsync("silence", "add", "--unit", "XN", "--until", "2020-01-01", "--reason", "r", "--by", "张三");
        Assert.Equal(ExitCodes.CannotStart, past);
        Assert.Contains("--until: 2020-01-01 has passed in tjqg's time zone (Asia/Shanghai)", pastOutput, StringComparison.Ordinal);

        var (unknown, unknownOutput) = await RunAsync("silence", "add", "--unit", "QQ", "--institution", "tjqg", "--until", "2030-01-01", "--reason", "r", "--by", "张三");
        Assert.Equal(ExitCodes.CannotStart, unknown);
        Assert.Contains("--unit: 'QQ' is not a unit of tjqg (JX, DZ, RG, XN, CL, JG, YS, ZJ).", unknownOutput, StringComparison.Ordinal);

        var (nothing, nothingOutput) = await RunAsync("silence", "add", "--until", "2030-01-01", "--reason", "r", "--by", "张三");
        Assert.Equal(ExitCodes.InputRejected, nothing);
        Assert.Contains("Name what to silence", nothingOutput, StringComparison.Ordinal);

        var (noBy, noByOutput) = await RunAsync("silence", "add", "--unit", "XN", "--until", "2030-01-01", "--reason", "r");
        Assert.Equal(ExitCodes.InputRejected, noBy);
        Assert.Contains("--by is required.", noByOutput, StringComparison.Ordinal);

        var (missing, missingOutput) = await RunAsync("silence", "remove", "999999", "--by", "张三");
        Assert.Equal(ExitCodes.InputRejected, missing);
        Assert.Contains("没有编号为 #999999 的静默", missingOutput, StringComparison.Ordinal);

        var (_, after) = await RunAsync("silence", "list", "--all", "--json");
        Assert.Equal(count, JsonSerializer.Deserialize<List<SilenceRecord>>(after, CliJson.Indented)!.Count);
    }

    [Fact]
    public async Task When_storage_is_in_memory_should_refuse_because_silences_live_in_postgresql()
    {
        var (exitCode, output) = await CliRun.RunAsync("silence", "list", "--Monitor:Storage=InMemory");

        Assert.Equal(ExitCodes.CannotStart, exitCode);
        Assert.Contains("silence keeps silences in the worker's PostgreSQL database", output, StringComparison.Ordinal);
    }
}
