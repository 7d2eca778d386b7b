using System.Globalization;
using Monitor.Messages;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Monitor.Worker.Placement;
using Monitor.Worker.Tools.Common;

namespace Monitor.Worker.Tools.Import;

/// <summary>Graduates leaving a cohort's roster (e.g. 延期毕业), one per row → <see cref="GraduateWithdrawn"/>.</summary>
public sealed class WithdrawalImportSchema : ImportSchema<GraduateWithdrawn>
{
    public const string GraduateId = "graduateId";
    public const string Reason = "reason";

    private static readonly IReadOnlyList<ImportField> VisitMarks =
        [.. new VisitImportSchema().Fields.Where(f => f.Name is VisitImportSchema.Tier or VisitImportSchema.Mode or VisitImportSchema.PositionsOpened)];

    private static readonly IReadOnlyList<ImportField> DestinationMarks =
        [.. new DestinationImportSchema().Fields.Where(f => f.Name is DestinationImportSchema.Destination or DestinationImportSchema.ReportId)];

    private static readonly IReadOnlyList<ImportField> RosterMarks =
        [.. new GraduateImportSchema().Fields.Where(f => f.Name is GraduateImportSchema.Major or GraduateImportSchema.Disadvantaged or GraduateImportSchema.UnitCode)];

    public override string Noun => "withdrawal";

    public override string ChineseNoun => "毕业生退出";

    public override string Queue { get; } = MessagingExtensions.EndpointNames.Consumer<GraduateWithdrawnConsumer>();

    public override string IdField => GraduateId;

    public override IReadOnlyList<ImportField> Fields { get; } =
    [
        new(ImportRow.InstitutionField, true, ["院校代码", "学校代码", "InstitutionId", "Institution"]),
        new(ImportRow.CohortField, true, ["届别", "毕业年份", "毕业届别", "届", "CohortYear", "Cohort"], ImportFieldKind.WholeNumber),
        new(GraduateId, true, ["学号", "学生学号", "GraduateId", "StudentId"]),
        new(Reason, true, ["退出原因", "原因", "变动原因", "Reason"]),
    ];

    /// <summary>
    /// Refuses a visits, destinations or roster file by the columns only such a file has (走访方式, 毕业去向, 专业,
    /// 困难群体 …): imported as withdrawals, it would take every graduate it lists off the roster. 学院 is allowed
    /// beside a reason column (a list of leavers often names the college) and marks a roster without one.
    /// </summary>
    public override void CheckHeaders(IReadOnlyList<string> headers, ToolLanguage language)
    {
        ArgumentNullException.ThrowIfNull(language);
        var foreign = ImportLookalike.Foreign(headers, Fields);
        var expected = language.Pick(
            "毕业生退出文件有学号列、每一行都填写的原因（退出原因、原因或 Reason），以及届别列或 --cohort。",
            "A withdrawals file has 学号, a reason (退出原因, 原因 or Reason) for every row, and 届别 or --cohort.");
        var noun = NounIn(language);
        ImportLookalike.Refuse(
            ImportLookalike.Columns(foreign, VisitMarks), noun, language.Pick("走访文件", "a visits file"), "import visits", expected, language);
        ImportLookalike.Refuse(
            ImportLookalike.Columns(foreign, DestinationMarks), noun, language.Pick("毕业去向文件", "a destinations file"), "import destinations", expected, language);
        var hasReason = ImportLookalike.Columns(headers, Fields.Where(f => f.Name == Reason)).Count > 0;
        ImportLookalike.Refuse(
            ImportLookalike.Columns(foreign, hasReason ? RosterMarks.Where(f => f.Name != GraduateImportSchema.UnitCode) : RosterMarks), noun, language.Pick("毕业生名册", "a graduate roster"), "import graduates", expected, language);
    }

    public override string Consequence(int count, ToolLanguage language) => (language ?? throw new ArgumentNullException(nameof(language))).Pick(
        $"让 {count} 名毕业生退出其所在届的名册：他们不再计入毕业去向落实率的分母，worker 保留对每名毕业生的第一次退出",
        $"withdraws {count} graduate(s) from their cohort's roster: they leave the placement rate's denominator, and the worker keeps the first withdrawal of a graduate");

    public override IReadOnlyList<(string Field, object?[] Samples)> Template(Unit unit) =>
    [
        (ImportRow.CohortField, [2024]),
        (GraduateId, ["2024JX0002"]),
        (Reason, ["延期毕业"]),
    ];

    public override GraduateWithdrawn Map(ImportRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var reason = row.Text(Reason);
        if (reason is null)
        {
            row.Problem(Reason, row.Context.Language.Pick("必填：该毕业生为什么退出名册（延期毕业、退学等）", "required: why the graduate leaves the roster (延期毕业, 退学 …)"));
        }

        return new GraduateWithdrawn(row.Institution(), row.Cohort(), row.Text(GraduateId) ?? string.Empty, reason ?? string.Empty);
    }

    public override IReadOnlyList<string> Validate(GraduateWithdrawn message, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PlacementValidation.Validate(message, context.Institutions);
    }

    /// <summary>The store keeps one withdrawal per institution, cohort and graduate.</summary>
    public override string Key(GraduateWithdrawn message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join(ImportHash.Separator, message.InstitutionId, message.CohortYear.ToString(CultureInfo.InvariantCulture), message.GraduateId);
    }

    public override string Canonical(GraduateWithdrawn message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join(ImportHash.Separator, Key(message), message.Reason);
    }
}
