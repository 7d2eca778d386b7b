using Monitor.Tests.Support;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Cli;
using Spectre.Console.Testing;

namespace Monitor.Tests.Tools.Import;

/// <summary>The <c>import</c> commands through the executable's entry point, on paths that need no broker.</summary>
public sealed class ImportCommandSpecs : IDisposable
{
    private const string Visits = """
        走访日期,走访层级,学院,用人单位名称,走访方式,开拓岗位数
        2024/3/12,领导班子,,天津滨海智能装备有限公司,走出去,12
        2024/4/9,二级学院,机械工程学院,天津精工模具有限公司,实地走访,8
        """;

    private readonly TempFiles files = new();
    private TestConsole console = new();

    [Fact]
    public async Task When_a_clean_file_is_dry_run_should_report_and_exit_0()
    {
        var exit = await RunAsync("import", "visits", files.Write("visits.csv", Visits), "--dry-run");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("Encoding: UTF-8 (no byte order mark; the file is valid UTF-8)", console.Lines);
        Assert.Contains("Rows read: 2 · valid: 2 · rejected: 0 · duplicates: 0 · sent to the worker: 0", console.Lines);
        Assert.Contains("Dry run: nothing was sent.", console.Lines);
    }

    [Fact]
    public async Task When_rows_are_rejected_and_the_output_is_not_a_terminal_should_list_them_one_per_line_and_exit_1()
    {
        var path = files.Write("visits.csv", Visits + "\n2024/4/31,二级学院,外语学院,天津港集团有限公司,走出去,3\n");

        var exit = await RunAsync("import", "visits", path, "--dry-run");

        Assert.Equal(ExitCodes.InputRejected, exit);
        Assert.Contains("Rejected rows (1):", console.Lines);
        Assert.Contains("  line 4, column 走访日期: '2024/4/31' is not a date (2024-03-12, 2024/3/12 or 2024年3月12日)", console.Lines);
        Assert.Contains("  line 4, column 学院: '外语学院' is not a unit of tjqg (JX, DZ, RG, XN, CL, JG, YS, ZJ)", console.Lines);
    }

    [Fact]
    public async Task When_a_row_is_rejected_should_send_nothing_and_not_even_contact_the_broker()
    {
        // The broker's port is one where nothing listens: contacting it would end in exit code 2.
        var path = files.Write("visits.csv", Visits + "\n2024/4/9,二级学院,,天津港集团有限公司,走出去,3\n");

        var exit = await RunAsync("import", "visits", path);

        Assert.Equal(ExitCodes.InputRejected, exit);
        Assert.Contains("Rows read: 3 · valid: 2 · rejected: 1 · duplicates: 0 · sent to the worker: 0", console.Lines);
        Assert.Contains("Nothing was sent: 1 row(s) rejected. Correct them and import the file again, or add --skip-invalid to send the 2 valid row(s) now.", console.Lines);
    }

    [Fact]
    public async Task When_the_transport_is_not_RabbitMQ_should_stop_the_import_before_reading_the_file_with_exit_code_2()
    {
        var exit = await RunAsync("import", "visits", files.Write("visits.csv", Visits), "--Monitor:Transport=InMemory");

        Assert.Equal(ExitCodes.CannotStart, exit);
        var line = Assert.Single(console.Lines, l => l.StartsWith("Cannot import:", StringComparison.Ordinal));
        Assert.Contains("Set Monitor__Transport=RabbitMq", line, StringComparison.Ordinal);
        Assert.DoesNotContain(console.Lines, l => l.StartsWith("Rows read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_a_column_or_the_file_is_missing_or_the_institution_unknown_should_be_an_input_error()
    {
        var noDate = await RunAsync("import", "visits", files.Write("v.csv", "用人单位名称,走访层级,走访方式,开拓岗位数\n天津港,领导班子,走出去,1\n"), "--dry-run");
        var noDateOutput = NextConsole();
        var noFile = await RunAsync("import", "graduates", "/no/such/file.csv", "--cohort", "2024", "--dry-run");
        var noFileOutput = NextConsole();
        var unknown = await RunAsync("import", "destinations", files.Write("d.csv", "学号\n1\n"), "--institution", "nku", "--dry-run");

        Assert.Equal([ExitCodes.InputRejected, ExitCodes.InputRejected, ExitCodes.InputRejected], [noDate, noFile, unknown]);
        Assert.Contains("Cannot import: The header row cannot be used:", noDateOutput);
        Assert.Contains("Cannot import: /no/such/file.csv: no such file.", noFileOutput);
        Assert.Contains(console.Lines, l => l.StartsWith("Cannot import: --institution 'nku' is not an institution of ", StringComparison.Ordinal) && l.EndsWith("(tjqg).", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_an_option_is_unknown_or_the_cohort_not_a_year_should_be_an_input_error_with_a_clear_message()
    {
        var unknown = await RunAsync("import", "visits", files.Write("visits.csv", Visits), "--cohort", "2024", "--dry-run");
        var unknownOutput = string.Concat(NextConsole());
        var notAYear = await RunAsync("import", "withdrawals", files.Write("w.csv", "学号,原因\n2024DZ0001,延期毕业\n"), "--cohort", "abc", "--dry-run");
        var notAYearOutput = string.Concat(console.Lines);

        Assert.Equal([ExitCodes.InputRejected, ExitCodes.InputRejected], [unknown, notAYear]);
        Assert.Contains("Unknown option 'cohort'.", unknownOutput, StringComparison.Ordinal);
        Assert.Contains("--cohort must be a year such as 2024 (2000–2100); 'abc' is not.", notAYearOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed to convert", notAYearOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_cohort_is_written_as_in_a_cell_should_accept_it()
    {
        var exit = await RunAsync("import", "withdrawals", files.Write("w.csv", "学号,原因\n2024DZ0001,延期毕业\n"), "--cohort", "2024届", "--dry-run");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("Rows read: 1 · valid: 1 · rejected: 0 · duplicates: 0 · sent to the worker: 0", console.Lines);
    }

    [Fact]
    public async Task When_cancellations_are_dry_run_should_say_how_many_visits_sending_would_cancel()
    {
        var exit = await RunAsync("import", "cancellations", files.Write("c.csv", "走访编号,撤销原因\nV-1,误录\nV-2,重复登记\nV-2,重复登记\n"), "--dry-run");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains(console.Lines, l => l.StartsWith("Dry run: nothing was sent. Sent, this file cancels 2 visit(s): the worker stops counting them", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_visits_have_no_id_column_should_tell_that_a_corrected_row_is_a_new_visit()
    {
        await RunAsync("import", "visits", files.Write("visits.csv", Visits), "--dry-run");
        var derived = NextConsole();
        await RunAsync("import", "visits", files.Write("ids.csv", "走访编号,走访日期,走访层级,用人单位名称,走访方式,开拓岗位数\nV-1,2024/3/12,领导班子,天津港,走出去,12\n"), "--dry-run");

        Assert.Contains(derived, l => l.StartsWith("Note: ids derived from row content (no 走访编号 column): a corrected row is a new visit", StringComparison.Ordinal));
        Assert.DoesNotContain(console.Lines, l => l.StartsWith("Note:", StringComparison.Ordinal));
    }

    /// <summary>The lines of this run; the next run writes to a new console (a run disposes the console it was given).</summary>
    private IReadOnlyList<string> NextConsole()
    {
        var lines = console.Lines;
        console = new TestConsole();
        return lines;
    }

    public void Dispose()
    {
        console.Dispose();
        files.Dispose();
    }

    // RabbitMQ is set as the transport (the checks come first) but at a port where no broker listens: these specs never send.
    private Task<int> RunAsync(params string[] args) =>
        CliApp.RunAsync(
            [$"--Monitor:InstitutionsFile={RepositoryFiles.Path("seeds", "institutions.json")}", "--Monitor:Transport=RabbitMq", "--RabbitMqTransport:Port=1", "--Monitor:Language=en", .. args],
            console);
}
