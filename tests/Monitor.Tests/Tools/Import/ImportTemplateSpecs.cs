using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Import;

namespace Monitor.Tests.Tools.Import;

/// <summary><c>import template</c>: a workbook the office fills in, which the import reads back, with drop-down lists Excel accepts.</summary>
public sealed class ImportTemplateSpecs : IDisposable
{
    private readonly TempFiles files = new();

    [Fact]
    public async Task When_a_visits_template_is_written_should_have_Chinese_headers_lists_and_sample_rows_the_import_accepts()
    {
        var path = files.Path("走访记录模板.xlsx");

        var (exit, output) = await CliRun.RunAsync("import", "template", "visits", "--out", path, $"--Monitor:InstitutionsFile={RepositoryFiles.Path("seeds", "institutions.json")}");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains($"已写入 {path}：工作表「走访记录」有表头和 2 行示例（导入前请删除示例行）；走访层级、学院、走访方式 列有下拉列表，可选值列在「取值」工作表。", output, StringComparison.Ordinal);
        using (var document = SpreadsheetDocument.Open(path, isEditable: false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document));
            var lists = document.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<DataValidation>()).ToList();
            Assert.Equal(
                [("C2:C10001", "'取值'!$A$2:$A$3"), ("D2:D10001", "'取值'!$B$2:$B$9"), ("G2:G10001", "'取值'!$C$2:$C$3")],
                lists.Select(l => (l.SequenceOfReferences!.InnerText, l.Formula1!.Text)));
        }

        var result = await ImportRuns.RunAsync(new VisitImportSchema(), path);
        Assert.Empty(result.Check.Problems);
        Assert.Equal(["V-2024-0001", "V-2024-0002"], result.Sent.Select(v => v.VisitId));
        Assert.Equal((new DateOnly(2024, 4, 9), VisitTier.Unit, "JX", VisitMode.Incoming, 8), (result.Sent[1].VisitedOn, result.Sent[1].Tier, result.Sent[1].UnitCode, result.Sent[1].Mode, result.Sent[1].PositionsOpened));
    }

    [Theory]
    [InlineData("graduates", 2)]
    [InlineData("destinations", 2)]
    [InlineData("cancellations", 1)]
    [InlineData("withdrawals", 1)]
    public async Task When_a_template_of_another_kind_is_written_should_be_valid_with_samples_that_pass_a_dry_run(string kind, int rows)
    {
        var path = files.Path($"{kind}.xlsx");

        var (exit, _) = await CliRun.RunAsync("import", "template", kind, "--out", path, "--Monitor:Language=en", $"--Monitor:InstitutionsFile={RepositoryFiles.Path("seeds", "institutions.json")}");
        var (dryRun, output) = await CliRun.RunAsync("import", kind, path, "--dry-run", "--Monitor:Language=en", $"--Monitor:InstitutionsFile={RepositoryFiles.Path("seeds", "institutions.json")}");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (exit, dryRun));
        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        Assert.Contains($"Rows read: {rows} · valid: {rows} · rejected: 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_destinations_template_is_written_should_list_the_thirteen_destinations()
    {
        var path = files.Path("毕业去向模板.xlsx");

        await CliRun.RunAsync("import", "template", "destinations", "--out", path, $"--Monitor:InstitutionsFile={RepositoryFiles.Path("seeds", "institutions.json")}");

        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        var list = Assert.Single(document.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<DataValidation>()));
        Assert.Equal("'取值'!$A$2:$A$14", list.Formula1!.Text);
        Assert.Equal(13, DestinationImportSchema.ChineseNames.Count);
    }

    [Fact]
    public async Task When_every_shipped_sample_is_also_a_workbook_should_import_to_the_same_messages_as_its_CSV()
    {
        foreach (var (kind, schema, cohort) in new (string, object, int?)[]
        {
            ("visits", new VisitImportSchema(), null),
            ("graduates", new GraduateImportSchema(), 2024),
            ("destinations", new DestinationImportSchema(), 2024),
            ("cancellations", new CancellationImportSchema(), null),
            ("withdrawals", new WithdrawalImportSchema(), 2024),
        })
        {
            var csv = RepositoryFiles.Path("seeds", "samples", $"{kind}.csv");
            var xlsx = RepositoryFiles.Path("seeds", "samples", $"{kind}.xlsx");
            Assert.True(File.Exists(xlsx), $"{xlsx} is shipped beside {csv}");
            var fromCsv = await Messages(schema, csv, cohort);
            var fromWorkbook = await Messages(schema, xlsx, cohort);
            Assert.NotEmpty(fromCsv);
            Assert.Equal(fromCsv, fromWorkbook);
        }
    }

    private static async Task<IReadOnlyList<object>> Messages(object schema, string path, int? cohort) => schema switch
    {
        VisitImportSchema s => [.. (await ImportRuns.RunAsync(s, path, ImportRuns.Context(cohort))).Sent],
        GraduateImportSchema s => [.. (await ImportRuns.RunAsync(s, path, ImportRuns.Context(cohort))).Sent.Select(g => (object)(g with { Disadvantaged = [] }, string.Join(",", g.Disadvantaged)))],
        DestinationImportSchema s => [.. (await ImportRuns.RunAsync(s, path, ImportRuns.Context(cohort))).Sent],
        CancellationImportSchema s => [.. (await ImportRuns.RunAsync(s, path, ImportRuns.Context(cohort))).Sent],
        WithdrawalImportSchema s => [.. (await ImportRuns.RunAsync(s, path, ImportRuns.Context(cohort))).Sent],
        _ => throw new ArgumentException("not a schema", nameof(schema)),
    };

    public void Dispose() => files.Dispose();
}
