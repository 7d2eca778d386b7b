using System.Text;
using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Tools.Import;

namespace Monitor.Tests.Tools.Import;

public sealed class VisitCsvImportSpecs : IDisposable
{
    private const string ChineseFile = """
        走访日期,走访层级,学院,用人单位名称,统一社会信用代码,走访方式,开拓岗位数,备注
        2024/3/12,领导班子,,天津滨海智能装备有限公司,91120116ma05k3t8xc,走出去,12,校领导带队
        2024-04-09,二级学院,机械工程学院,天津精工模具有限公司,,实地走访,8,
        2024年5月8日,二级学院和相关职能部门,RG,天津人工智能创新中心,,请进来,,
        """;

    private static readonly EnterpriseVisitRecorded[] ChineseVisits =
    [
        new(string.Empty, "tjqg", VisitTier.Leadership, null, "天津滨海智能装备有限公司", "91120116MA05K3T8XC", new DateOnly(2024, 3, 12), VisitMode.Outgoing, 12),
        new(string.Empty, "tjqg", VisitTier.Unit, "JX", "天津精工模具有限公司", null, new DateOnly(2024, 4, 9), VisitMode.Outgoing, 8),
        new(string.Empty, "tjqg", VisitTier.Unit, "RG", "天津人工智能创新中心", null, new DateOnly(2024, 5, 8), VisitMode.Incoming, 0),
    ];

    private readonly TempFiles files = new();
    private readonly VisitImportSchema schema = new();

    [Fact]
    public async Task When_a_file_has_Chinese_headers_and_values_should_give_the_visits()
    {
        var result = await ImportRuns.RunAsync(schema, files.Write("visits.csv", ChineseFile));

        Assert.Equal(ChineseVisits, result.Sent.Select(v => v with { VisitId = string.Empty }));
        Assert.All(result.Sent, v => Assert.Matches("^csv-[0-9a-f]{32}$", v.VisitId));
        Assert.Equal((3, 3, 0, 0), (result.Check.Rows, result.Check.Valid, result.Check.Rejected, result.Check.Duplicates));
        Assert.Equal(["monitor-enterprise-visit-recorded"], result.Queues);
    }

    [Fact]
    public async Task When_a_file_has_English_headers_in_any_case_and_spacing_should_give_the_same_visits()
    {
        var path = files.Write("visits-en.csv", """
            Visit Date,TIER,unit,Employer_Name,Credit Code,mode,Positions　Opened
            2024-03-12,Leadership,,天津滨海智能装备有限公司,91120116MA05K3T8XC,Outgoing,12
            2024-04-09,unit,JX,天津精工模具有限公司,,outgoing,8
            2024-05-08,Unit,rg,天津人工智能创新中心,,Incoming,0
            """);

        var english = await ImportRuns.RunAsync(schema, path);
        var chinese = await ImportRuns.RunAsync(schema, files.Write("visits-zh.csv", ChineseFile));

        Assert.Empty(english.Check.Problems);
        Assert.Equal(ChineseVisits, english.Sent.Select(v => v with { VisitId = string.Empty }));
        Assert.Equal(chinese.Sent, english.Sent);
    }

    [Fact]
    public async Task When_a_GB18030_file_comes_from_Excel_should_detect_and_read_it()
    {
        var path = files.Write("visits-gb.csv", CsvEncoding.Gb18030.GetBytes(ChineseFile.Replace("\n", "\r\n", StringComparison.Ordinal)));

        var result = await ImportRuns.RunAsync(schema, path);

        Assert.StartsWith("GB18030", result.Check.File.Encoding!.Description, StringComparison.Ordinal);
        Assert.Equal(ChineseVisits, result.Sent.Select(v => v with { VisitId = string.Empty }));
        Assert.Equal(["备注"], result.Check.Columns.Ignored);
    }

    [Fact]
    public async Task When_a_UTF8_file_has_a_byte_order_mark_should_read_it_without_the_mark()
    {
        var path = files.Write("visits-bom.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(ChineseFile)]);

        var result = await ImportRuns.RunAsync(schema, path);

        Assert.Equal("UTF-8 (with byte order mark)", result.Check.File.Encoding!.Description);
        Assert.Contains(("走访日期", VisitImportSchema.VisitedOn), result.Check.Columns.Used);
        Assert.Equal(ChineseVisits, result.Sent.Select(v => v with { VisitId = string.Empty }));
    }

    [Fact]
    public async Task When_rows_are_bad_should_report_every_one_with_its_line_and_column_and_send_nothing_of_it()
    {
        // Line 5 holds a cell with a line break, so the rows after it start one line later than their number.
        var path = files.Write("visits-bad.csv", """
            走访日期,走访层级,学院,用人单位名称,统一社会信用代码,走访方式,开拓岗位数
            2024/3/12,领导班子,,天津滨海智能装备有限公司,91120116MA05K3T8XC,走出去,12
            2024/13/01,领导班子,,天津港集团有限公司,,请进来,30
            2024/4/9,二级学院,,天津精工模具有限公司,,实地走访,8
            2024/4/16,二级学院,电子信息学院,"天津中环电子
            信息集团有限公司",91120222MA07QW3E2X,线上,十五
            2024/5/8,二级学院,人工智能学院,,,来校,-3
            2024/7/1,校领导,,天津港集团有限公司,,走出去,1
            """);

        var result = await ImportRuns.RunAsync(schema, path);

        Assert.Equal(
            [
                (3, "走访日期"),
                (4, "学院"),
                (5, "学院"), (5, "统一社会信用代码"), (5, "走访方式"), (5, "开拓岗位数"),
                (7, "用人单位名称"), (7, "开拓岗位数"),
                (8, "走访日期"),
            ],
            result.Check.Problems.Select(p => (p.Line, p.Column)));
        Assert.Equal((6, 1, 5), (result.Check.Rows, result.Check.Valid, result.Check.Rejected));
        var problems = result.Check.Problems;
        Assert.Contains("'2024/13/01' is not a date", problems[0].Reason, StringComparison.Ordinal);
        Assert.Contains("required for a Unit visit", problems[1].Reason, StringComparison.Ordinal);
        Assert.Contains("'电子信息学院' is not a unit of tjqg", problems[2].Reason, StringComparison.Ordinal);
        Assert.Contains("check character is 'X', expected 'P'", problems[3].Reason, StringComparison.Ordinal);
        Assert.Contains("'线上' is not one of", problems[4].Reason, StringComparison.Ordinal);
        Assert.Contains("'十五' is not a whole number", problems[5].Reason, StringComparison.Ordinal);
        Assert.Equal("required", problems[6].Reason);
        Assert.Contains("-3 is not between 0 and 100000", problems[7].Reason, StringComparison.Ordinal);
        Assert.Contains("2024-07-01 is in the future", problems[8].Reason, StringComparison.Ordinal);
        Assert.Equal(["天津滨海智能装备有限公司"], result.Sent.Select(v => v.EmployerName));
    }

    [Fact]
    public async Task When_a_file_is_read_again_should_give_the_same_ids_and_different_ids_between_rows()
    {
        var path = files.Write("visits.csv", ChineseFile);

        var first = await ImportRuns.RunAsync(schema, path);
        var second = await ImportRuns.RunAsync(schema, path);
        var otherPositionsFile = files.Write("visits-other-positions.csv", ChineseFile.Replace(",走出去,12,", ",走出去,13,", StringComparison.Ordinal));
        var changed = await ImportRuns.RunAsync(schema, otherPositionsFile);

        Assert.Equal(first.Sent.Select(v => v.VisitId), second.Sent.Select(v => v.VisitId));
        Assert.Equal(3, first.Sent.Select(v => v.VisitId).Distinct().Count());
        Assert.NotEqual(first.Sent[0].VisitId, changed.Sent[0].VisitId);
        Assert.Equal(first.Sent.Skip(1).Select(v => v.VisitId), changed.Sent.Skip(1).Select(v => v.VisitId));
    }

    [Fact]
    public async Task When_rows_are_identical_should_count_them_as_duplicates_and_send_them_once()
    {
        var path = files.Write("visits-dup.csv", ChineseFile + "\n2024-04-09,二级学院,JX,天津精工模具有限公司,,走出去,8,第二次录入\n2024-04-09,二级学院,JX,天津精工模具有限公司,,走出去,8,\n");

        var result = await ImportRuns.RunAsync(schema, path);

        Assert.Equal((5, 5, 0, 2), (result.Check.Rows, result.Check.Valid, result.Check.Rejected, result.Check.Duplicates));
        Assert.Equal(3, result.Published);
        Assert.Equal(ChineseVisits, result.Sent.Select(v => v with { VisitId = string.Empty }));
    }

    [Fact]
    public async Task When_a_file_has_an_id_column_should_use_it_and_reject_an_id_reused_with_other_content()
    {
        var path = files.Write("visits-ids.csv", """
            走访编号,走访日期,走访层级,学院,用人单位名称,走访方式,开拓岗位数
            tjqg-2024-L-0001,2024-03-12,领导班子,,天津滨海智能装备有限公司,走出去,12
            tjqg-2024-L-0001,2024-03-12,领导班子,,天津滨海智能装备有限公司,走出去,12
            tjqg-2024-L-0001,2024-03-13,领导班子,,天津港集团有限公司,走出去,3
            """);

        var result = await ImportRuns.RunAsync(schema, path);

        var problem = Assert.Single(result.Check.Problems);
        Assert.Equal((4, "走访编号"), (problem.Line, problem.Column));
        Assert.Contains("also on line 2 with other content", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(1, result.Check.Duplicates);
        Assert.Equal("天津滨海智能装备有限公司", Assert.Single(result.Sent).EmployerName);
    }

    [Fact]
    public async Task When_a_required_column_is_missing_should_name_it_with_the_accepted_header_names()
    {
        var path = files.Write("visits-no-date.csv", "用人单位名称,走访层级,走访方式,开拓岗位数\n天津港集团有限公司,领导班子,走出去,3\n");

        var error = await Assert.ThrowsAsync<ImportException>(() => ImportRuns.RunAsync(schema, path));

        Assert.Contains("the file has no column for visitedOn", error.Message, StringComparison.Ordinal);
        Assert.Contains("visitedOn: 走访日期, 日期, 走访时间, VisitDate, VisitedOn, Date", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("employerName:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_there_is_no_default_institution_should_need_an_institution_column_and_use_its_cells()
    {
        var context = ImportRuns.Context() with { Institution = null };
        var without = files.Write("visits-no-institution.csv", ChineseFile);
        var with = files.Write("visits-institution.csv", "院校代码,走访日期,走访层级,用人单位名称,走访方式,开拓岗位数\ntjqg,2024-03-12,领导班子,天津港集团有限公司,走出去,3\nnku,2024-03-12,领导班子,天津港集团有限公司,走出去,3\n");

        var error = await Assert.ThrowsAsync<ImportException>(() => ImportRuns.RunAsync(schema, without, context));
        var result = await ImportRuns.RunAsync(schema, with, context);

        Assert.Contains("institutionId: 院校代码, 学校代码, InstitutionId, Institution (or the option --institution)", error.Message, StringComparison.Ordinal);
        Assert.Equal("tjqg", Assert.Single(result.Sent).InstitutionId);
        var problem = Assert.Single(result.Check.Problems);
        Assert.Equal((3, "院校代码", "'nku' is not a configured institution"), (problem.Line, problem.Column, problem.Reason));
    }

    [Fact]
    public async Task When_a_file_has_unknown_columns_and_empty_rows_should_skip_them()
    {
        var path = files.Write("visits-extra.csv", "序号,走访日期,走访层级,用人单位名称,走访方式,开拓岗位数,联系人,\n1,2024-03-12,领导班子,天津港集团有限公司,走出去,3,张老师,\n,,,,,,,\n");

        var result = await ImportRuns.RunAsync(schema, path);

        Assert.Equal(["序号", "联系人"], result.Check.Columns.Ignored);
        Assert.Equal((1, 1), (result.Check.Rows, result.Published));
    }

    public void Dispose() => files.Dispose();
}
