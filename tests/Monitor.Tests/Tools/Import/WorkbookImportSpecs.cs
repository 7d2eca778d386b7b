using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Import;

namespace Monitor.Tests.Tools.Import;

/// <summary>Excel workbooks as the office keeps them, written by MiniExcel in each spec: a title row, typed cells, merged cells.</summary>
public sealed class WorkbookImportSpecs : IDisposable
{
    private const string Title = "天津轻工职业技术学院 2024 年访企拓岗走访记录（招生就业处）";

    private static readonly object?[] Header = ["走访日期", "走访层级", "学院", "用人单位名称", "统一社会信用代码", "走访方式", "开拓岗位数", "备注"];

    private readonly TempFiles files = new();
    private readonly VisitImportSchema schema = new();

    /// <summary>A title merged over A1:H1, the header on row 2, six visits on rows 3–8 with date cells and number cells.</summary>
    private static List<object?[]> Sheet(string tierOnRow7 = "领导班子") =>
    [
        [Title, null, null, null, null, null, null, null],
        Header,
        [new DateOnly(2024, 3, 12), "领导班子", null, "天津滨海智能装备有限公司", "91120116MA05K3T8XC", "走出去", 12, "校领导带队"],
        [new DateOnly(2024, 3, 20), "领导班子", null, "天津港（集团）有限公司", "91120000103100784F", "请进来", 30, null],
        [new DateOnly(2024, 4, 9), "二级学院", "机械工程学院", "天津精工模具有限公司", "91120118MA06ABCD1Y", "走出去", 8, null],
        [new DateOnly(2024, 4, 16), "二级学院", "DZ", "天津中环电子信息集团有限公司", "91120222MA07QW3E2P", "走出去", 15, null],
        [new DateOnly(2024, 5, 6), tierOnRow7, null, "天津渤海化工集团有限责任公司", null, "走出去", 7, null],
        [new DateOnly(2024, 5, 8), "二级学院", "人工智能学院", "天津人工智能创新中心", null, "请进来", 6, null],
    ];

    [Fact]
    public async Task When_a_workbook_has_a_title_row_and_typed_cells_should_skip_the_title_and_read_the_dates_and_numbers()
    {
        var path = Workbooks.Write(files.Path("走访.xlsx"), Sheet(), ["A1:H1"]);

        var result = await ImportRuns.RunAsync(schema, path);

        Assert.Empty(result.Check.Problems);
        Assert.Equal((2, false), (result.Check.Layout!.HeaderRow, result.Check.Layout.TwoRowHeader));
        Assert.Equal([(1, Title)], result.Check.Layout.Skipped);
        Assert.Equal(6, result.Sent.Count);
        Assert.Equal(
            [(new DateOnly(2024, 3, 12), 12, (string?)null), (new DateOnly(2024, 3, 20), 30, null), (new DateOnly(2024, 4, 9), 8, "JX"), (new DateOnly(2024, 4, 16), 15, "DZ"), (new DateOnly(2024, 5, 6), 7, null), (new DateOnly(2024, 5, 8), 6, "RG")],
            result.Sent.Select(v => (v.VisitedOn, v.PositionsOpened, v.UnitCode)));
        Assert.Equal(VisitTier.Leadership, result.Sent[0].Tier);
        Assert.Equal(["备注"], result.Check.Columns.Ignored);
    }

    [Fact]
    public async Task When_row_7_has_a_tier_that_is_not_one_should_report_row_7_column_C_in_Chinese()
    {
        var path = Workbooks.Write(files.Path("走访.xlsx"), Sheet(tierOnRow7: "校外专家"), ["A1:H1"]);

        var result = await ImportRuns.RunAsync(schema, path, ImportRuns.Chinese());

        var problem = Assert.Single(result.Check.Problems);
        Assert.Equal((7, "走访层级", "B"), (problem.Line, problem.Column, problem.Letter));
        Assert.Equal("第 7 行 B 列（走访层级）", ImportReport.Location(problem, ToolLanguage.Chinese));
        Assert.Equal("「校外专家」不是可接受的值：领导班子（Leadership）或 二级学院（Unit）", problem.Reason);
        Assert.Equal(5, result.Check.ToPublish);
    }

    [Fact]
    public async Task When_row_7_has_an_employer_column_C_should_be_named_in_the_problem()
    {
        // The issue's own example: 学院 in column C, a unit that is not the institution's, on row 7.
        var rows = Sheet();
        rows[6] = [new DateOnly(2024, 5, 6), "二级学院", "外国语学院", "天津渤海化工集团有限责任公司", null, "走出去", 7, null];
        var path = Workbooks.Write(files.Path("走访.xlsx"), rows, ["A1:H1"]);

        var result = await ImportRuns.RunAsync(schema, path, ImportRuns.Chinese());

        var problem = Assert.Single(result.Check.Problems);
        Assert.Equal("第 7 行 C 列（学院）", ImportReport.Location(problem, ToolLanguage.Chinese));
        Assert.Equal("「外国语学院」不是 tjqg 的单位（JX, DZ, RG, XN, CL, JG, YS, ZJ）", problem.Reason);
        Assert.Equal("row 7, column C (学院)", ImportReport.Location(problem, ToolLanguage.English));
    }

    [Fact]
    public async Task When_a_date_cell_holds_a_plain_number_should_ask_for_a_date_format()
    {
        // A column of numbers, not formatted as dates: Excel shows 45363, the serial of 2024-03-12.
        var path = Workbooks.Write(files.Path("走访.xlsx"), [Header, [45363, "领导班子", null, "天津滨海智能装备有限公司", null, "走出去", 12, null]]);

        var result = await ImportRuns.RunAsync(schema, path, ImportRuns.Chinese());

        var problem = Assert.Single(result.Check.Problems);
        Assert.Equal((2, "A"), (problem.Line, problem.Letter));
        Assert.StartsWith("45363 是数字而不是日期", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_header_has_a_merged_group_over_two_rows_should_combine_the_two_header_rows()
    {
        // 用人单位 merged over B2:C2 with 名称 and 统一社会信用代码 below; the other headers merged down over two rows.
        var path = Workbooks.Write(
            files.Path("两行表头.xlsx"),
            [
                ["访企拓岗走访记录", null, null, null, null, null, null],
                ["走访日期", "用人单位", null, "走访层级", "学院", "走访方式", "开拓岗位数"],
                [null, "名称", "统一社会信用代码", null, null, null, null],
                [new DateOnly(2024, 3, 12), "天津滨海智能装备有限公司", "91120116MA05K3T8XC", "领导班子", null, "走出去", 12],
                [new DateOnly(2024, 4, 9), "天津精工模具有限公司", null, "二级学院", "机械工程学院", "走出去", 8],
            ],
            ["A1:G1", "B2:C2", "A2:A3", "D2:D3", "E2:E3", "F2:F3", "G2:G3"]);

        var result = await ImportRuns.RunAsync(schema, path);

        Assert.Empty(result.Check.Problems);
        Assert.Equal((2, true), (result.Check.Layout!.HeaderRow, result.Check.Layout.TwoRowHeader));
        Assert.Contains(("用人单位名称", VisitImportSchema.EmployerName), result.Check.Columns.Used);
        Assert.Contains(("统一社会信用代码", VisitImportSchema.EmployerCreditCode), result.Check.Columns.Used);
        Assert.Equal(["天津滨海智能装备有限公司", "天津精工模具有限公司"], result.Sent.Select(v => v.EmployerName));
        Assert.Equal("91120116MA05K3T8XC", result.Sent[0].EmployerCreditCode);
    }

    [Fact]
    public async Task When_a_header_cell_is_merged_across_two_columns_should_refuse_the_file_naming_the_cells()
    {
        var path = Workbooks.Write(
            files.Path("合并表头.xlsx"),
            [
                ["走访日期", "用人单位名称", null, "走访层级", "走访方式", "开拓岗位数"],
                [new DateOnly(2024, 3, 12), "天津滨海智能装备有限公司", "天津港", "领导班子", "走出去", 12],
            ],
            ["B1:C1"]);

        var error = await Assert.ThrowsAsync<ImportException>(() => ImportRuns.RunAsync(schema, path, ImportRuns.Chinese()));

        Assert.StartsWith("表头第 1 行的 B1:C1 是合并单元格「用人单位名称」", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_college_is_merged_down_over_its_visits_should_give_each_visit_the_college()
    {
        var path = Workbooks.Write(
            files.Path("合并学院.xlsx"),
            [
                Header,
                [new DateOnly(2024, 4, 9), "二级学院", "机械工程学院", "天津精工模具有限公司", null, "走出去", 8, null],
                [new DateOnly(2024, 4, 10), "二级学院", null, "天津滨海智能装备有限公司", null, "走出去", 3, null],
            ],
            ["C2:C3"]);

        var result = await ImportRuns.RunAsync(schema, path);

        Assert.Empty(result.Check.Problems);
        Assert.Equal(["JX", "JX"], result.Sent.Select(v => v.UnitCode));
    }

    [Fact]
    public async Task When_a_value_sits_in_a_column_without_a_header_should_reject_the_row_naming_the_column()
    {
        var path = Workbooks.Write(
            files.Path("无表头列.xlsx"),
            [
                ["走访日期", "走访层级", "用人单位名称", "走访方式", "开拓岗位数", null],
                [new DateOnly(2024, 3, 12), "领导班子", "天津滨海智能装备有限公司", "走出去", 12, "天津港"],
            ]);

        var result = await ImportRuns.RunAsync(schema, path);

        var problem = Assert.Single(result.Check.Problems);
        Assert.Equal((2, "F"), (problem.Line, problem.Letter));
        Assert.Contains("column F holds '天津港' but the header names no column there", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_sheet_is_named_should_read_that_sheet_or_list_the_sheets_for_an_unknown_name()
    {
        var path = Workbooks.Write(files.Path("两张表.xlsx"), [["说明：第二张表是走访记录"]], secondSheet: Sheet().Skip(1).ToList());

        var result = await ImportRuns.RunAsync(schema, path, sheet: "第二张");
        var error = await Assert.ThrowsAsync<ImportException>(() => ImportRuns.RunAsync(schema, path, ImportRuns.Chinese(), sheet: "五月"));

        Assert.Equal(6, result.Sent.Count);
        Assert.Equal("第二张", result.Check.Layout!.Name);
        Assert.EndsWith("中没有名为「五月」的工作表；它的工作表有：走访记录、第二张。", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_an_old_xls_file_or_a_workbook_with_an_encoding_is_given_should_say_what_it_is()
    {
        var xls = files.Write("旧表.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);
        var xlsx = Workbooks.Write(files.Path("走访.xlsx"), Sheet());

        var old = Assert.Throws<ImportException>(() => ImportFile.Recognise(xls, null, null, ToolLanguage.Chinese));
        var encoding = Assert.Throws<ImportException>(() => ImportFile.Recognise(xlsx, "gb18030", null, ToolLanguage.English));

        Assert.Contains("是旧版 Excel 工作簿（.xls）", old.Message, StringComparison.Ordinal);
        Assert.EndsWith("is an Excel workbook (.xlsx), not a CSV file: --encoding applies to CSV files only; without it the workbook is read as it is.", encoding.Message, StringComparison.Ordinal);
        Assert.True(ImportFile.Recognise(xlsx, null, null, ToolLanguage.English).IsWorkbook);
    }

    public void Dispose() => files.Dispose();
}
