using Monitor.Tests.Support;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Import;

namespace Monitor.Tests.Tools.Import;

/// <summary>
/// A file meant for another import, given to <c>import cancellations</c> or <c>import withdrawals</c>, is refused
/// before any row is read: imported, it would cancel every visit or withdraw every graduate it lists.
/// </summary>
public sealed class WrongFileSpecs : IDisposable
{
    private readonly TempFiles files = new();

    [Fact]
    public async Task When_a_roster_is_given_as_withdrawals_should_refuse_it_and_name_the_graduates_import()
    {
        var path = files.Write("graduates.csv", File.ReadAllText(RepositoryFiles.Path("seeds", "samples", "graduates.csv")));

        var error = await Assert.ThrowsAsync<ImportException>(() => ImportRuns.RunAsync(new WithdrawalImportSchema(), path, ImportRuns.Context(cohort: 2024)));

        Assert.StartsWith("This looks like a graduate roster, not a file of withdrawals: it has the column(s) 学院, 专业, 困难群体.", error.Message, StringComparison.Ordinal);
        Assert.Contains("use `import graduates`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_destinations_file_is_given_as_withdrawals_should_refuse_it_even_in_a_dry_run()
    {
        var path = files.Write("destinations.csv", File.ReadAllText(RepositoryFiles.Path("seeds", "samples", "destinations.csv")));

        var error = await Assert.ThrowsAsync<ImportException>(() => new SheetImport<Monitor.Messages.GraduateWithdrawn>(new WithdrawalImportSchema(), ImportRuns.Context(cohort: 2024))
            .CheckAsync(ImportFile.Recognise(path, null, null, ToolLanguage.English), null, CancellationToken.None));

        Assert.StartsWith("This looks like a destinations file, not a file of withdrawals: it has the column(s) 毕业去向.", error.Message, StringComparison.Ordinal);
        Assert.Contains("use `import destinations`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_roster_without_a_major_has_no_reason_column_should_still_be_a_roster()
    {
        var path = files.Write("graduates.csv", "学号,姓名,学院\n2024JX0001,张三,机械工程学院\n");

        var error = await Assert.ThrowsAsync<ImportException>(() => ImportRuns.RunAsync(new WithdrawalImportSchema(), path, ImportRuns.Context(cohort: 2024)));

        Assert.StartsWith("This looks like a graduate roster, not a file of withdrawals: it has the column(s) 学院.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_list_of_leavers_names_their_college_beside_a_reason_should_accept_it()
    {
        var path = files.Write("withdrawals.csv", "学号,姓名,学院,退出原因\n2024DZ0001,王五,电子信息与自动化学院,延期毕业\n");

        var result = await ImportRuns.RunAsync(new WithdrawalImportSchema(), path, ImportRuns.Context(cohort: 2024));

        Assert.Empty(result.Check.Problems);
        Assert.Equal([("2024DZ0001", "延期毕业")], result.Sent.Select(w => (w.GraduateId, w.Reason)));
    }

    [Fact]
    public async Task When_a_withdrawals_file_has_no_reason_column_should_refuse_it()
    {
        var path = files.Write("withdrawals.csv", "学号,姓名\n2024DZ0001,王五\n");

        var error = await Assert.ThrowsAsync<ImportException>(() => ImportRuns.RunAsync(new WithdrawalImportSchema(), path, ImportRuns.Context(cohort: 2024)));

        Assert.Contains("the file has no column for reason.", error.Message, StringComparison.Ordinal);
        Assert.Contains("reason: 退出原因, 原因, 变动原因, Reason", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_withdrawal_has_no_reason_should_reject_it_on_its_line()
    {
        var path = files.Write("withdrawals.csv", "学号,原因\n2024DZ0001,延期毕业\n2024RG0001,\n");

        var result = await ImportRuns.RunAsync(new WithdrawalImportSchema(), path, ImportRuns.Context(cohort: 2024));

        Assert.Equal([(3, "原因", "required: why the graduate leaves the roster (延期毕业, 退学 …)")], result.Check.Problems.Select(p => (p.Line, p.Column, p.Reason)));
    }

    [Fact]
    public async Task When_a_visits_file_is_given_as_cancellations_should_refuse_it_and_name_the_visits_import()
    {
        var path = files.Write("visits.csv", File.ReadAllText(RepositoryFiles.Path("seeds", "samples", "visits.csv")));

        var error = await Assert.ThrowsAsync<ImportException>(() => ImportRuns.RunAsync(new CancellationImportSchema(), path));

        Assert.StartsWith("This looks like a visits file, not a file of cancellations: it has the column(s) 走访日期, 走访层级, 学院, 用人单位名称, 统一社会信用代码, 走访方式, 开拓岗位数.", error.Message, StringComparison.Ordinal);
        Assert.Contains("use `import visits`", error.Message, StringComparison.Ordinal);
        Assert.Contains("that reason column is what tells copied visit rows from a visits file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_file_about_graduates_is_given_as_cancellations_should_refuse_it()
    {
        var path = files.Write("withdrawals.csv", File.ReadAllText(RepositoryFiles.Path("seeds", "samples", "withdrawals.csv")));

        var error = await Assert.ThrowsAsync<ImportException>(() => ImportRuns.RunAsync(new CancellationImportSchema(), path));

        Assert.StartsWith("This looks like a file about graduates, not a file of cancellations: it has the column(s) 学号.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_cancellation_has_no_reason_should_reject_it_on_its_line()
    {
        var path = files.Write("cancellations.csv", "走访编号,撤销原因\nV-1,误录\nV-2,\n");

        var result = await ImportRuns.RunAsync(new CancellationImportSchema(), path);

        Assert.Equal([(3, "撤销原因", "required: why the visit is cancelled (误录, 重复登记 …)")], result.Check.Problems.Select(p => (p.Line, p.Column, p.Reason)));
        Assert.Equal(["V-1"], result.Sent.Select(c => c.VisitId));
    }

    public void Dispose() => files.Dispose();
}
