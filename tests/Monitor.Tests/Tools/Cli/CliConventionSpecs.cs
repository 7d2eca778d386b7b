using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Monitor.Tests.Support;
using Monitor.Worker.Tools.Cli;
using Monitor.Worker.Tools.Common;
using Spectre.Console;

namespace Monitor.Tests.Tools.Cli;

/// <summary>
/// What scripts and people rely on: <c>--version</c>, output into a pipe that is never wrapped (Spectre wraps at 80
/// columns when it cannot ask a terminal), JSON that stays JSON, and help in the configured language.
/// </summary>
public sealed class CliConventionSpecs : IDisposable
{
    private readonly TempFiles files = new();

    [Fact]
    public async Task When_asked_for_the_version_should_print_it()
    {
        var (exit, output) = await RunPipedAsync("--version");

        Assert.Equal((ExitCodes.Ok, CliApp.Version), (exit, output.Trim()));
    }

    [Fact]
    public async Task When_the_root_help_goes_into_a_pipe_should_list_each_command_on_one_line_and_say_how_settings_are_given()
    {
        var (_, chinese) = await RunPipedAsync("--help");
        var (_, english) = await RunPipedAsync("--help", "--Monitor:Language=en");

        var lines = chinese.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains("    import          把 Excel 表格（.xlsx 或 CSV）导入 worker", lines);
        Assert.Contains("    status          显示每个目标的数字和状态，以及它们有多新（只读）", lines);
        Assert.Contains("    silence         在某日期前让机器人不推送某目标或范围（告警照常发布）", lines);
        Assert.Contains("设置：", lines);
        Assert.Contains("    4. 选项：--Monitor:Transport=RabbitMq、--ConnectionStrings:Monitor \"Host=…\"", lines);
        Assert.Contains("    -v, --version    显示版本信息", lines);
        Assert.Contains("    run             Run the worker: consume events, evaluate, alert (the default)", english.Split('\n').Select(l => l.TrimEnd()));
        Assert.Contains("SETTINGS:", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_import_help_goes_into_a_pipe_should_keep_each_example_whole()
    {
        var (_, output) = await RunPipedAsync("import", "--help", "--Monitor:Language=en");

        var lines = output.Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains("Monitor.Worker import visits 走访记录.xlsx", lines);
        Assert.Contains("Monitor.Worker import graduates 毕业生名册.xlsx --cohort 2024", lines);
        Assert.All(lines.Where(l => l.StartsWith("Monitor.Worker", StringComparison.Ordinal)), l => Assert.True(l.Length < 80, l));
    }

    [Fact]
    public async Task When_import_json_goes_into_a_pipe_should_write_one_valid_JSON_document_and_nothing_else()
    {
        var path = files.Write("visits.csv", "走访日期,走访层级,学院,用人单位名称,走访方式,开拓岗位数\n2024/3/12,领导班子,,天津滨海智能装备有限公司,走出去,12\n2024/4/9,二级学院,外国语学院,天津精工模具有限公司,实地走访,8\n");

        var (exit, output) = await RunPipedAsync("import", "visits", path, "--dry-run", "--json", $"--Monitor:InstitutionsFile={RepositoryFiles.Path("seeds", "institutions.json")}");

        Assert.Equal(ExitCodes.InputRejected, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(("visits", "csv", 2, 1, 1), (root.GetProperty("kind").GetString(), root.GetProperty("format").GetString(), root.GetProperty("rows").GetInt32(), root.GetProperty("valid").GetInt32(), root.GetProperty("rejected").GetInt32()));
        var problem = root.GetProperty("problems")[0];
        Assert.Equal((3, "学院"), (problem.GetProperty("line").GetInt32(), problem.GetProperty("column").GetString()));
        Assert.StartsWith("「外国语学院」不是 tjqg 的单位", problem.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, root.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task When_import_json_cannot_read_the_file_should_still_write_JSON_with_the_error()
    {
        var (exit, output) = await RunPipedAsync("import", "visits", "/no/such/走访.xlsx", "--json", "--Monitor:Transport=RabbitMq");

        Assert.Equal(ExitCodes.InputRejected, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("/no/such/走访.xlsx：没有这个文件。", json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task When_a_dry_run_is_reported_in_Chinese_should_use_Chinese_words_throughout()
    {
        var path = files.Write("visits.csv", "走访日期,走访层级,学院,用人单位名称,走访方式,开拓岗位数\n2024/3/12,领导班子,,天津滨海智能装备有限公司,走出去,12\n2024/13/1,二级学院,机械工程学院,天津精工模具有限公司,实地走访,-3\n");

        var (exit, output) = await RunPipedAsync("import", "visits", path, "--dry-run", $"--Monitor:InstitutionsFile={RepositoryFiles.Path("seeds", "institutions.json")}");

        Assert.Equal(ExitCodes.InputRejected, exit);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains($"导入走访记录：{path}", lines);
        Assert.Contains("编码：UTF-8（无字节顺序标记；整个文件是合法的 UTF-8）", lines);
        Assert.Contains("  第 3 行「走访日期」列：「2024/13/1」不是日期（2024-03-12、2024/3/12 或 2024年3月12日）", lines);
        Assert.Contains("  第 3 行「开拓岗位数」列：-3 不在 0 到 100000 之间", lines);
        Assert.Contains("读取 2 行 · 有效 1 · 拒绝 1 · 重复 0 · 已发送给 worker 0", lines);
        Assert.Contains("试运行：没有发送任何内容。", lines);
    }

    [Fact]
    public async Task When_health_goes_into_a_pipe_should_write_the_answer_whole_so_its_JSON_stays_valid()
    {
        var body = JsonSerializer.Serialize(new { status = "Healthy", entries = Enumerable.Range(1, 12).ToDictionary(i => $"check-{i}", i => new { status = "Healthy", description = $"a description long enough to pass 80 columns {i}" }) });
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var answer = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            var bytes = System.Text.Encoding.UTF8.GetBytes(body);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        });

        var (exit, output) = await RunPipedAsync("health", $"--Monitor:Web:Urls=http://127.0.0.1:{port}");
        await answer;

        Assert.Equal(ExitCodes.Ok, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("200 ", line, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(line[4..]);
        Assert.Equal(12, json.RootElement.GetProperty("entries").EnumerateObject().Count());
    }

    public void Dispose() => files.Dispose();

    /// <summary>Runs the command line into a console as a pipe gives it: not a terminal, 80 columns as Spectre assumes then.</summary>
    private static async Task<(int Exit, string Output)> RunPipedAsync(params string[] args)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 80;
        var exit = await CliApp.RunAsync(args, console);
        return (exit, writer.ToString());
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
