using Monitor.Tests.Support;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Import;
using Monitor.Worker.Institutions;

namespace Monitor.Tests.Tools.Import;

/// <summary>Cells that are easy to misread: numbers with commas, rows longer than the header, Excel date serials, ids shared by two institutions.</summary>
public sealed class CellSpecs : IDisposable
{
    private const string Header = "走访日期,走访层级,学院,用人单位名称,走访方式,开拓岗位数";

    private static readonly InstitutionCatalog TwoInstitutions = new(
    [
        TestInstitutions.Tjqg,
        new Institution("tjjd", "天津机电职业技术学院", "天津机电职院", TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), [new Unit("JD", "机电工程学院")]),
    ]);

    private readonly TempFiles files = new();

    [Theory]
    [InlineData("1,200", 1200)]
    [InlineData("12,345,678", 12345678)]
    [InlineData("１，２００", 1200)]
    [InlineData("1,200.0", 1200)]
    [InlineData("-1,000", -1000)]
    [InlineData("1200", 1200)]
    [InlineData("12.0", 12)]
    public void When_a_number_has_thousands_separators_should_read_them_in_groups_of_three(string cell, int expected)
    {
        Assert.True(ImportText.TryWholeNumber(cell, out var number));
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("1,2")]
    [InlineData("1,2,3,4")]
    [InlineData("12,00")]
    [InlineData("1,2000")]
    [InlineData(",200")]
    [InlineData("1,")]
    [InlineData("1234,567")]
    public void When_commas_do_not_group_thousands_should_not_be_read_as_a_number(string cell) =>
        Assert.False(ImportText.TryWholeNumber(cell, out _));

    [Fact]
    public async Task When_a_quoted_number_has_a_comma_that_is_not_a_thousands_group_should_reject_it()
    {
        var path = files.Write("visits.csv", $"{Header}\n2024/3/12,领导班子,,天津港（集团）有限公司,走出去,\"1,2\"\n2024/3/20,领导班子,,天津港（集团）有限公司,请进来,\"1,200\"\n");

        var result = await ImportRuns.RunAsync(new VisitImportSchema(), path);

        Assert.Equal([(2, "开拓岗位数", "'1,2' is not a whole number")], result.Check.Problems.Select(p => (p.Line, p.Column, p.Reason)));
        Assert.Equal([1200], result.Sent.Select(v => v.PositionsOpened));
    }

    [Fact]
    public async Task When_a_row_has_more_cells_than_the_header_should_reject_it_naming_the_likely_unquoted_comma()
    {
        var path = files.Write("visits.csv", $"{Header}\n2024/3/12,领导班子,,天津港（集团）有限公司,走出去,1,200\n2024/3/20,领导班子,,天津港（集团）有限公司,请进来,30,,\n");

        var result = await ImportRuns.RunAsync(new VisitImportSchema(), path);

        var problem = Assert.Single(result.Check.Problems);
        Assert.Equal((2, "cell 7"), (problem.Line, problem.Column));
        Assert.Equal("7 cells, the header has 6: an unquoted comma in a number such as 1,200? Quote the cell (\"1,200\") or write the number without the comma", problem.Reason);
        Assert.Equal([30], result.Sent.Select(v => v.PositionsOpened));
    }

    [Theory]
    [InlineData("45422")]
    [InlineData("45422.0")]
    public async Task When_a_date_is_an_Excel_serial_number_should_name_it_as_such(string cell)
    {
        var path = files.Write("visits.csv", $"{Header}\n{cell},领导班子,,天津港（集团）有限公司,走出去,3\n");

        var result = await ImportRuns.RunAsync(new VisitImportSchema(), path);

        var problem = Assert.Single(result.Check.Problems);
        Assert.Equal("走访日期", problem.Column);
        Assert.Equal($"'{cell}' looks like an Excel date serial number: format the column as a date (yyyy-MM-dd) before exporting", problem.Reason);
    }

    [Fact]
    public async Task When_a_time_column_holds_an_Excel_serial_should_name_it_as_such()
    {
        var path = files.Write("destinations.csv", "学号,毕业去向,落实日期,上报时间\n2024JX0001,升学,2024/6/1,45422.4270833\n");

        var result = await ImportRuns.RunAsync(new DestinationImportSchema(), path, ImportRuns.Context(cohort: 2024));

        var problem = Assert.Single(result.Check.Problems);
        Assert.Equal(("上报时间", "'45422.4270833' looks like an Excel date serial number: format the column as a date and time (yyyy-MM-dd HH:mm) before exporting"), (problem.Column, problem.Reason));
    }

    [Fact]
    public async Task When_two_institutions_use_the_same_visit_id_and_the_same_report_id_should_accept_both()
    {
        var context = new ImportContext(TwoInstitutions, null, 2024, ImportRuns.Clock, ToolLanguage.English);
        var visits = files.Write("visits.csv", """
            院校代码,走访编号,走访日期,走访层级,用人单位名称,走访方式,开拓岗位数
            tjqg,V-0001,2024/3/12,领导班子,天津港（集团）有限公司,走出去,3
            tjjd,V-0001,2024/3/20,领导班子,天津滨海智能装备有限公司,请进来,5
            tjjd,V-0001,2024/3/21,领导班子,天津滨海智能装备有限公司,请进来,5
            """);
        var destinations = files.Write("destinations.csv", """
            院校代码,报告编号,学号,毕业去向,落实日期
            tjqg,R-0001,2024JX0001,升学,2024/6/1
            tjjd,R-0001,2024JD0001,签劳动合同,2024/6/2
            """);

        var visitResult = await ImportRuns.RunAsync(new VisitImportSchema(), visits, context);
        var destinationResult = await ImportRuns.RunAsync(new DestinationImportSchema(), destinations, context);

        Assert.Equal([("tjqg", "V-0001"), ("tjjd", "V-0001")], visitResult.Sent.Select(v => (v.InstitutionId, v.VisitId)));
        var problem = Assert.Single(visitResult.Check.Problems);
        Assert.Equal((4, "走访编号"), (problem.Line, problem.Column));
        Assert.StartsWith("'tjjd V-0001' is also on line 3 with other content", problem.Reason, StringComparison.Ordinal);
        Assert.Empty(destinationResult.Check.Problems);
        Assert.Equal([("tjqg", "R-0001"), ("tjjd", "R-0001")], destinationResult.Sent.Select(d => (d.InstitutionId, d.ReportId)));
    }

    public void Dispose() => files.Dispose();
}
