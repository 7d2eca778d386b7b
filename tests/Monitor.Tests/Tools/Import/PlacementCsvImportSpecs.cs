using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Tools.Import;

namespace Monitor.Tests.Tools.Import;

public sealed class PlacementCsvImportSpecs : IDisposable
{
    private readonly TempFiles files = new();

    [Fact]
    public async Task When_a_roster_has_unit_names_and_Chinese_categories_should_give_the_graduates()
    {
        var path = files.Write("graduates.csv", """
            学号,姓名,学院,专业,困难群体,届别
            2024JX0001,张三,机械工程学院,机电一体化技术,,2024届
            2024JX0002,李四,JX,数控技术,低保家庭,2024
            2024DZ0001,王五,电子信息与自动化学院,应用电子技术,残疾、脱贫家庭/防止返贫监测对象,
            2024RG0001,赵六,人工智能学院,,无,
            """);

        var result = await ImportRuns.RunAsync(new GraduateImportSchema(), path, ImportRuns.Context(cohort: 2024));

        Assert.Empty(result.Check.Problems);
        Assert.Equal(["姓名"], result.Check.Columns.Ignored);
        Assert.Equal(
            [
                ("2024JX0001", 2024, "JX", "机电一体化技术", ""),
                ("2024JX0002", 2024, "JX", "数控技术", "LowIncome"),
                ("2024DZ0001", 2024, "DZ", "应用电子技术", "Disability,PovertyAlleviated"),
                ("2024RG0001", 2024, "RG", null, ""),
            ],
            result.Sent.Select(g => (g.GraduateId, g.CohortYear, g.UnitCode, g.Major, string.Join(',', g.Disadvantaged))));
        Assert.All(result.Sent, g => Assert.Equal("tjqg", g.InstitutionId));
        Assert.Equal(["monitor-graduate-registered"], result.Queues);
    }

    [Fact]
    public async Task When_a_roster_has_no_cohort_column_should_need_the_cohort_option()
    {
        var path = files.Write("graduates.csv", "学号,学院\n2024JX0001,JX\n");

        var error = await Assert.ThrowsAsync<ImportException>(() => ImportRuns.RunAsync(new GraduateImportSchema(), path));

        Assert.Contains("cohortYear: 届别, 毕业年份, 毕业届别, 届, CohortYear, Cohort (or the option --cohort)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_category_or_unit_is_unknown_should_reject_the_row_naming_the_column()
    {
        var path = files.Write("graduates.csv", "学号,学院,困难群体\n2024JX0001,JX,低保 单亲\n2024XX0001,外语学院,\n");

        var result = await ImportRuns.RunAsync(new GraduateImportSchema(), path, ImportRuns.Context(cohort: 2024));

        Assert.Equal([(2, "困难群体"), (3, "学院")], result.Check.Problems.Select(p => (p.Line, p.Column)));
        Assert.StartsWith("'单亲' is not a disadvantaged category", result.Check.Problems[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("'外语学院' is not a unit of tjqg", result.Check.Problems[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_destinations_are_written_as_the_office_writes_them_should_give_the_reports()
    {
        var path = files.Write("destinations.csv", """
            学号,毕业去向,落实日期,上报时间,用人单位名称,统一社会信用代码
            2024JX0001,签劳动合同形式就业,2024/5/20,2024/5/22 10:15,天津滨海智能装备有限公司,91120116MA05K3T8XC
            2024JX0002,升学,2024/6/1,,,
            2024DZ0001,待就业,2024/5/31,,,
            2024DZ0002,出国（境）,2024/6/3,,,
            2024RG0001,科研助理、管理助理,2024/6/10,,,
            2024RG0002,不就业拟升学,2024/6/11,,,
            """);

        var result = await ImportRuns.RunAsync(new DestinationImportSchema(), path, ImportRuns.Context(cohort: 2024));

        Assert.Empty(result.Check.Problems);
        Assert.Equal(
            [
                Destination.ContractEmployment, Destination.FurtherStudy, Destination.Unplaced,
                Destination.StudyAbroad, Destination.ResearchAssistant, Destination.NotSeekingEmployment,
            ],
            result.Sent.Select(r => r.Destination));
        var first = result.Sent[0];
        Assert.Equal(new DateTimeOffset(2024, 5, 22, 10, 15, 0, TimeSpan.FromHours(8)), first.ReportedAt);
        Assert.Equal(("天津滨海智能装备有限公司", "91120116MA05K3T8XC"), (first.EmployerName, first.EmployerCreditCode));

        // Without a 上报时间 the report is taken as made at the start of its effective date, in Tianjin.
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(8)), result.Sent[1].ReportedAt);
        Assert.All(result.Sent, r => Assert.StartsWith("csv-", r.ReportId, StringComparison.Ordinal));
        Assert.Equal(["monitor-graduate-destination-reported"], result.Queues);
    }

    [Fact]
    public async Task When_a_destination_is_not_a_value_should_reject_it_with_the_accepted_values()
    {
        var path = files.Write("destinations.csv", "学号,毕业去向,落实日期\n2024JX0001,灵活就业,2024/5/20\n2024JX0002,签就业协议,2024/9/1\n");

        var result = await ImportRuns.RunAsync(new DestinationImportSchema(), path, ImportRuns.Context(cohort: 2024));

        Assert.Equal([(2, "毕业去向"), (3, "落实日期")], result.Check.Problems.Select(p => (p.Line, p.Column)));
        Assert.StartsWith("'灵活就业' is not one of: 签就业协议, 签劳动合同", result.Check.Problems[0].Reason, StringComparison.Ordinal);
        Assert.Equal("2024-09-01 is in the future", result.Check.Problems[1].Reason);
    }

    public void Dispose() => files.Dispose();
}
