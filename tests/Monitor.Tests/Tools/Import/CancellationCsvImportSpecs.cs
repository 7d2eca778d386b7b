using Monitor.Tests.Support;
using Monitor.Worker.Tools.Import;

namespace Monitor.Tests.Tools.Import;

public sealed class CancellationCsvImportSpecs : IDisposable
{
    private const string VisitColumns = "走访日期,走访层级,学院,用人单位名称,统一社会信用代码,走访方式,开拓岗位数";

    private readonly TempFiles files = new();

    [Fact]
    public async Task When_cancellations_have_Chinese_headers_should_name_their_visits_by_id()
    {
        var path = files.Write("cancellations.csv", """
            走访编号,院校代码,撤销原因
            V-2024-0017,tjqg,走访未成行，误录
            V-2024-0021,,重复登记
            """);

        var result = await ImportRuns.RunAsync(new CancellationImportSchema(), path);

        Assert.Empty(result.Check.Problems);
        Assert.Equal(
            [("V-2024-0017", "tjqg", "走访未成行，误录"), ("V-2024-0021", "tjqg", "重复登记")],
            result.Sent.Select(c => (c.VisitId, c.InstitutionId, c.Reason)));
        Assert.Equal(["monitor-enterprise-visit-cancelled"], result.Queues);
    }

    [Fact]
    public async Task When_a_visit_row_is_copied_from_the_visits_file_should_cancel_the_visit_imported_without_an_id()
    {
        var visits = files.Write("visits.csv", $"""
            {VisitColumns},备注
            2024/4/16,二级学院,电子信息与自动化学院,天津中环电子信息集团有限公司,91120222MA07QW3E2P,走出去,15,
            2024/5/15,二级学院,RG,天津人工智能创新中心,,走出去,4,第二次走访
            """);
        var cancellations = files.Write("cancellations.csv", $"""
            {VisitColumns},备注,撤销原因
            2024/5/15,二级学院,RG,天津人工智能创新中心,,走出去,4,第二次走访,重复登记
            """);

        var imported = await ImportRuns.RunAsync(new VisitImportSchema(), visits);
        var result = await ImportRuns.RunAsync(new CancellationImportSchema(), cancellations);

        Assert.Empty(result.Check.Problems);
        var cancellation = Assert.Single(result.Sent);
        Assert.StartsWith("csv-", cancellation.VisitId, StringComparison.Ordinal);
        Assert.Equal(imported.Sent[1].VisitId, cancellation.VisitId);
        Assert.NotEqual(imported.Sent[0].VisitId, cancellation.VisitId);
        Assert.Equal(("tjqg", "重复登记"), (cancellation.InstitutionId, cancellation.Reason));
    }

    [Fact]
    public async Task When_a_row_is_bad_should_report_it_with_its_line_and_column()
    {
        var path = files.Write("cancellations.csv", $"""
            走访编号,{VisitColumns},院校代码,撤销原因
            V-1,,,,,,,,tjqg,误录
            ,2024/13/01,领导班子,,天津港（集团）有限公司,,走出去,30,tjqg,误录
            V-3,,,,,,,,nku,误录
            """);

        var result = await ImportRuns.RunAsync(new CancellationImportSchema(), path);

        Assert.Equal(
            [
                (3, "走访日期", "'2024/13/01' is not a date (2024-03-12, 2024/3/12 or 2024年3月12日)"),
                (4, "院校代码", "'nku' is not a configured institution"),
            ],
            result.Check.Problems.Select(p => (p.Line, p.Column, p.Reason)));
        Assert.Equal((3, 2), (result.Check.Rows, result.Check.Rejected));
    }

    [Fact]
    public async Task When_an_id_is_empty_without_the_visit_columns_should_report_it_as_required()
    {
        var path = files.Write("cancellations.csv", "走访编号,撤销原因\nV-1,误录\n,误录\n");

        var result = await ImportRuns.RunAsync(new CancellationImportSchema(), path);

        Assert.Equal([(3, "走访编号", "required")], result.Check.Problems.Select(p => (p.Line, p.Column, p.Reason)));
    }

    [Fact]
    public async Task When_a_file_has_neither_ids_nor_the_visit_columns_should_refuse_it()
    {
        var path = files.Write("cancellations.csv", "用人单位名称,撤销原因\n天津港（集团）有限公司,误录\n");

        var error = await Assert.ThrowsAsync<ImportException>(() => ImportRuns.RunAsync(new CancellationImportSchema(), path));

        Assert.Contains("no column for visitId (走访编号, VisitId)", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Missing for that: 走访层级, 走访日期, 走访方式, 开拓岗位数", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_cancellation_is_repeated_should_count_it_as_a_duplicate_and_send_it_once()
    {
        var path = files.Write("cancellations.csv", """
            走访编号,撤销原因
            V-1,误录
            V-2,误录
            V-1,误录
            V-2,重复登记
            """);

        var result = await ImportRuns.RunAsync(new CancellationImportSchema(), path);

        Assert.Equal((4, 1, 1), (result.Check.Rows, result.Check.Rejected, result.Check.Duplicates));
        Assert.Equal([5], result.Check.Problems.Select(p => p.Line));
        Assert.Equal(["V-1", "V-2"], result.Sent.Select(c => c.VisitId));
    }

    public void Dispose() => files.Dispose();
}
