using System.ComponentModel;
using Monitor.Worker.Institutions;
using Monitor.Worker.Settings;
using Monitor.Worker.Tools.Common;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Monitor.Worker.Tools.Import;

/// <summary>
/// <c>import template visits --out 走访记录模板.xlsx</c>: an Excel workbook to fill in, with the Chinese headers an
/// import reads, sample rows (typed: dates as date cells, numbers as numbers), and drop-down lists for the columns with
/// fixed values (走访层级, 走访方式, 学院, 毕业去向), listed on a second sheet. With <c>--from FILE.csv</c> it writes that
/// file's rows instead, with its own headers, each cell typed by its column: how a CSV file becomes a workbook.
/// </summary>
[Description("Write an Excel workbook to fill in for an import: Chinese headers, sample rows, drop-down lists.")]
public sealed class ImportTemplateCommand(HostArguments arguments, IAnsiConsole console) : AsyncCommand<ImportTemplateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<KIND>")]
        [Description("visits, graduates, destinations, cancellations or withdrawals. 导入的种类。")]
        public string Kind { get; init; } = string.Empty;

        [CommandOption("--out <FILE>")]
        [Description("The workbook to write (default: 走访记录模板.xlsx and so on, in the current folder). 要写入的工作簿。")]
        public string? Out { get; init; }

        [CommandOption("--from <FILE>")]
        [Description("Write this CSV file's rows, typed, instead of the sample rows. 改为写入这个 CSV 文件的各行。")]
        public string? From { get; init; }

        public override ValidationResult Validate() => ImportKinds.All.ContainsKey(Kind)
            ? ValidationResult.Success()
            : ValidationResult.Error($"'{Kind}' is not an import: use {string.Join(", ", ImportKinds.All.Keys)}. / 「{Kind}」不是导入的种类。");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = CommandHost.CreateBuilder(arguments);
        var language = ToolLanguage.From(builder.Configuration);
        var schema = ImportKinds.All[settings.Kind];
        try
        {
            var options = MonitorOptions.Read(builder.Configuration);
            var institutions = InstitutionCatalog.Load(SeedFiles.Path(options.InstitutionsFile));
            var institution = institutions.All.Count == 1 ? institutions.All.First() : null;
            var path = settings.Out ?? $"{schema.ChineseNoun}模板.xlsx";
            var (headers, rows, listed) = settings.From is null
                ? Sample(schema, institution ?? institutions.All.First())
                : await FromCsvAsync(schema, settings.From, language, cancellationToken);
            var choices = schema.Choices(institution);
            var lists = listed.Where(c => choices.ContainsKey(c.Field)).ToDictionary(c => c.Index, c => choices[c.Field]);
            ImportWorkbook.Write(path, schema.ChineseNoun, headers, rows, lists);
            var named = string.Join(language.Pick("、", ", "), lists.Keys.Order().Select(i => headers[i]));
            ConsoleLines.Write(console, Markup.Escape(language.Pick(
                $"已写入 {path}：工作表「{schema.ChineseNoun}」有表头和 {rows.Count} 行{(settings.From is null ? "示例（导入前请删除示例行）" : "数据")}"
                + (lists.Count > 0 ? $"；{named} 列有下拉列表，可选值列在「{ImportWorkbook.ChoicesSheet}」工作表。" : "。"),
                $"Wrote {path}: sheet {schema.ChineseNoun} with the header and {rows.Count} {(settings.From is null ? "sample row(s) (delete them before importing)" : "row(s)")}"
                + (lists.Count > 0 ? $"; drop-down lists on {named}, their values listed on the sheet {ImportWorkbook.ChoicesSheet}." : "."))));
            return ExitCodes.Ok;
        }
        catch (ImportException ex)
        {
            ConsoleLines.Write(console, language.Pick("[red]无法写入模板：[/]", "[red]Cannot write the template:[/] ") + Markup.Escape(ex.Message));
            return ExitCodes.InputRejected;
        }
        catch (IOException ex)
        {
            ConsoleLines.Write(console, language.Pick("[red]无法写入模板：[/]", "[red]Cannot write the template:[/] ") + Markup.Escape(ex.Message));
            return ExitCodes.InputRejected;
        }
    }

    private static (IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows, IReadOnlyList<(string Field, int Index)> Listed) Sample(ImportSchema schema, Institution institution)
    {
        var columns = schema.Template(institution.Units.Count > 0 ? institution.Units[0] : new Unit("JX", "机械工程学院"));
        var headers = columns.Select(c => schema.Fields.First(f => f.Name == c.Field).Headers[0]).Append("备注").ToList();
        var count = columns.Max(c => c.Samples.Length);
        var rows = Enumerable.Range(0, count)
            .Select(r => columns.Select(c => r < c.Samples.Length ? c.Samples[r] : null).Append("示例行，导入前请删除").ToArray())
            .ToList();
        return (headers, rows, [.. columns.Select((c, i) => (c.Field, i))]);
    }

    private static async Task<(IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows, IReadOnlyList<(string Field, int Index)> Listed)> FromCsvAsync(
        ImportSchema schema, string path, ToolLanguage language, CancellationToken cancellationToken)
    {
        var file = ImportFile.Recognise(path, null, null, language);
        if (file.Encoding is not { } encoding)
        {
            throw new ImportException(language.Pick($"{path} 已经是 Excel 工作簿。", $"{path} is already an Excel workbook."));
        }

        await using var reader = await CsvSheetReader.OpenAsync(path, encoding, language, cancellationToken);
        var headers = reader.Headers.Select(h => h.Trim().Trim('\uFEFF')).ToList();
        // A conversion keeps the file's columns as they are: a column the import would need (届别 given by --cohort) may be absent.
        var columns = ColumnMap.Resolve(headers, schema.Fields, _ => "--from", language);
        var kinds = new ImportFieldKind[headers.Count];
        var listed = new List<(string, int)>();
        foreach (var (header, field) in columns.Used)
        {
            columns.TryGetIndex(field, out var index);
            kinds[index] = schema.Fields.First(f => f.Name == field).Kind;
            listed.Add((field, index));
        }

        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsBlank())
            {
                rows.Add([.. Enumerable.Range(0, headers.Count).Select(i => Typed(reader.Text(i), kinds[i]))]);
            }
        }

        return (headers, rows, listed);
    }

    /// <summary>A CSV cell as a workbook cell: a date, a number or text, as its column reads it; text when it does not read.</summary>
    private static object? Typed(string text, ImportFieldKind kind)
    {
        var cell = ImportText.Cell(text);
        return cell is null ? null : kind switch
        {
            ImportFieldKind.Date when ImportText.TryDate(cell, out var date) => date,
            ImportFieldKind.DateTime when DateTime.TryParse(cell, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time) => time,
            ImportFieldKind.WholeNumber when ImportText.TryWholeNumber(cell, out var number) => number,
            _ => cell,
        };
    }
}
