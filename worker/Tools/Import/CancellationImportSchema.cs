using Monitor.Messages;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Monitor.Worker.Visits;
using Monitor.Worker.Tools.Common;

namespace Monitor.Worker.Tools.Import;

/// <summary>
/// Cancellations of visits recorded in error (撤销走访记录), one per row → <see cref="EnterpriseVisitCancelled"/>. A row
/// names its visit by 走访编号; a visit imported without one (its id derived, <c>csv-…</c>) is named by its own row
/// copied from the visits file, from which the same id is derived.
/// </summary>
public sealed class CancellationImportSchema : ImportSchema<EnterpriseVisitCancelled>
{
    public const string Reason = "reason";

    private static readonly VisitImportSchema Visits = new();

    private static readonly IReadOnlyList<ImportField> GraduateMarks =
    [
        .. new GraduateImportSchema().Fields.Where(f => f.Name is GraduateImportSchema.GraduateId or GraduateImportSchema.Major or GraduateImportSchema.Disadvantaged),
        .. new DestinationImportSchema().Fields.Where(f => f.Name is DestinationImportSchema.Destination or DestinationImportSchema.ReportId),
    ];

    /// <summary>The visit's own columns, from which the id of a visit imported without 走访编号 is derived.</summary>
    private static readonly IReadOnlyList<ImportField> VisitFields =
        [.. Visits.Fields.Where(f => f.Name is not VisitImportSchema.VisitId and not ImportRow.InstitutionField)];

    public override string Noun => "cancellation";

    public override string ChineseNoun => "撤销走访记录";

    public override string Queue { get; } = MessagingExtensions.EndpointNames.Consumer<EnterpriseVisitCancelledConsumer>();

    public override string IdField => VisitImportSchema.VisitId;

    public override IReadOnlyList<ImportField> Fields { get; } =
    [
        new(VisitImportSchema.VisitId, false, ["走访编号", "VisitId"]),
        new(ImportRow.InstitutionField, true, ["院校代码", "学校代码", "InstitutionId", "Institution"]),
        new(Reason, true, ["撤销原因", "取消原因", "原因", "Reason"]),
        .. VisitFields.Select(f => f with { Required = false }),
    ];

    /// <summary>
    /// Refuses a visits file (the visit's columns and no reason column: imported as cancellations, it would cancel
    /// every visit it lists) and a file about graduates (学号, 毕业去向 …), naming the import meant.
    /// </summary>
    public override void CheckHeaders(IReadOnlyList<string> headers, ToolLanguage language)
    {
        ArgumentNullException.ThrowIfNull(language);
        var expected = language.Pick(
            "撤销走访文件用走访编号（或从走访文件复制来的原行）指明每条走访，并且每一行都写明原因（撤销原因、取消原因、原因或 Reason）：正是原因列把复制来的走访行与走访文件本身区分开。",
            "A cancellations file names each visit by 走访编号 (or by its row copied from the visits file) and gives a reason (撤销原因, 取消原因, 原因 or Reason) for every row: that reason column is what tells copied visit rows from a visits file.");
        ImportLookalike.Refuse(
            ImportLookalike.Columns(ImportLookalike.Foreign(headers, Fields), GraduateMarks), NounIn(language), language.Pick("关于毕业生的文件", "a file about graduates"), "import graduates`, `import withdrawals` or `import destinations", expected, language);
        if (ImportLookalike.Columns(headers, Fields.Where(f => f.Name == Reason)).Count == 0)
        {
            ImportLookalike.Refuse(ImportLookalike.Columns(headers, VisitFields), NounIn(language), language.Pick("走访文件", "a visits file"), "import visits", expected, language);
        }
    }

    public override string Consequence(int count, ToolLanguage language) => (language ?? throw new ArgumentNullException(nameof(language))).Pick(
        $"撤销 {count} 条走访：worker 不再计入它们（它们的开拓岗位，以及没有其他走访覆盖的用人单位），并保留对每条走访的第一次撤销",
        $"cancels {count} visit(s): the worker stops counting them (their positions, and their employers unless another visit covers them), and keeps the first cancellation of a visit");

    /// <summary>A file without 走访编号 must have every column a visit requires, or no row could name its visit.</summary>
    public override void CheckColumns(ColumnMap columns, ToolLanguage language)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(language);
        var missing = VisitFields.Where(f => f.Required && !columns.Has(f.Name)).ToList();
        if (!columns.Has(VisitImportSchema.VisitId) && missing.Count > 0)
        {
            throw new ImportException(language.Pick(
                "表头行无法使用：" + Environment.NewLine
                + "  文件没有 visitId（走访编号、VisitId）列。请给出每条走访的编号；对于没有走访编号而导入的走访，请从走访文件复制它们的整行（所有列），以便生成同一个编号。为此还缺少："
                + string.Join("、", missing.Select(f => f.Headers[0])),
                "The header row cannot be used:" + Environment.NewLine
                + "  the file has no column for visitId (走访编号, VisitId). Give each visit's id, or — for visits imported without 走访编号 — copy their rows from the visits file with all its columns, so the same id is derived. Missing for that: "
                + string.Join(", ", missing.Select(f => f.Headers[0]))));
        }
    }

    public override IReadOnlyList<(string Field, object?[] Samples)> Template(Unit unit) =>
    [
        (VisitImportSchema.VisitId, ["V-2024-0002"]),
        (Reason, ["误录"]),
    ];

    public override EnterpriseVisitCancelled Map(ImportRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var reason = row.Text(Reason);
        if (reason is null)
        {
            row.Problem(Reason, row.Context.Language.Pick("必填：为什么撤销这条走访（误录、重复登记等）", "required: why the visit is cancelled (误录, 重复登记 …)"));
        }

        return new EnterpriseVisitCancelled(VisitId(row), row.Institution(), reason ?? string.Empty);
    }

    public override IReadOnlyList<string> Validate(EnterpriseVisitCancelled message, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return VisitValidation.Validate(message, context.Institutions);
    }

    /// <summary>The store keeps one cancellation per institution and visit id.</summary>
    public override string Key(EnterpriseVisitCancelled message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join(ImportHash.Separator, message.InstitutionId, message.VisitId);
    }

    public override string Canonical(EnterpriseVisitCancelled message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join(ImportHash.Separator, Key(message), message.Reason);
    }

    /// <summary>
    /// The row's 走访编号; else the id <see cref="VisitImportSchema"/> derives from the visit's cells. That visit must
    /// itself be valid: an invalid row was never imported, so the id derived from it names no visit.
    /// </summary>
    private static string VisitId(ImportRow row)
    {
        if (row.Text(VisitImportSchema.VisitId) is { } id)
        {
            return id;
        }

        if (VisitFields.Any(f => f.Required && !row.Columns.Has(f.Name)))
        {
            // Without the visit's columns nothing names the visit: the validation reports visitId as required.
            return string.Empty;
        }

        var visit = Visits.Map(row);
        row.Validation(Visits.Validate(visit, row.Context));
        return visit.VisitId;
    }
}
