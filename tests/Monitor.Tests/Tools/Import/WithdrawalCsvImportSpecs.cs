using Monitor.Tests.Support;
using Monitor.Worker.Tools.Import;

namespace Monitor.Tests.Tools.Import;

public sealed class WithdrawalCsvImportSpecs : IDisposable
{
    private readonly TempFiles files = new();

    [Fact]
    public async Task When_withdrawals_have_Chinese_headers_should_take_the_cohort_from_the_row_or_the_option()
    {
        var path = files.Write("withdrawals.csv", """
            学号,姓名,届别,原因
            2024DZ0001,王五,2024届,延期毕业
            2023JX0107,钱七,2023,退学
            2024RG0003,孙八,,退学
            """);

        var result = await ImportRuns.RunAsync(new WithdrawalImportSchema(), path, ImportRuns.Context(cohort: 2024));

        Assert.Empty(result.Check.Problems);
        Assert.Equal(["姓名"], result.Check.Columns.Ignored);
        Assert.Equal(
            [("2024DZ0001", 2024, "延期毕业"), ("2023JX0107", 2023, "退学"), ("2024RG0003", 2024, "退学")],
            result.Sent.Select(w => (w.GraduateId, w.CohortYear, w.Reason)));
        Assert.All(result.Sent, w => Assert.Equal("tjqg", w.InstitutionId));
        Assert.Equal(["monitor-graduate-withdrawn"], result.Queues);
    }

    [Fact]
    public async Task When_a_row_is_bad_should_report_it_with_its_line_and_column()
    {
        var path = files.Write("withdrawals.csv", """
            StudentId,CohortYear,Reason
            2024DZ0001,2024,延期毕业
            ,2024,退学
            2024JX0009,二〇二四届,延期毕业
            """);

        var result = await ImportRuns.RunAsync(new WithdrawalImportSchema(), path);

        Assert.Equal(
            [(3, "StudentId", "required"), (4, "CohortYear", "'二〇二四届' is not a cohort year (2024, 2024届)")],
            result.Check.Problems.Select(p => (p.Line, p.Column, p.Reason)));
        Assert.Equal((3, 2), (result.Check.Rows, result.Check.Rejected));
    }

    [Fact]
    public async Task When_a_file_has_no_cohort_column_should_need_the_cohort_option()
    {
        var path = files.Write("withdrawals.csv", "学号,原因\n2024DZ0001,延期毕业\n");

        var error = await Assert.ThrowsAsync<ImportException>(() => ImportRuns.RunAsync(new WithdrawalImportSchema(), path));

        Assert.Contains("(or the option --cohort)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_withdrawal_is_repeated_should_count_it_as_a_duplicate_and_reject_another_reason()
    {
        var path = files.Write("withdrawals.csv", """
            学号,原因
            2024DZ0001,延期毕业
            2024DZ0001,延期毕业
            2024DZ0001,退学
            """);

        var result = await ImportRuns.RunAsync(new WithdrawalImportSchema(), path, ImportRuns.Context(cohort: 2024));

        Assert.Equal((3, 1, 1), (result.Check.Rows, result.Check.Rejected, result.Check.Duplicates));
        var problem = Assert.Single(result.Check.Problems);
        Assert.Equal((4, "学号"), (problem.Line, problem.Column));
        Assert.StartsWith("'tjqg 2024 2024DZ0001' is also on line 2 with other content", problem.Reason, StringComparison.Ordinal);
        Assert.Single(result.Sent);
    }

    public void Dispose() => files.Dispose();
}
