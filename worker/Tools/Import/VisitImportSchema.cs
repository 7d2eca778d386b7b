using System.Globalization;
using Monitor.Messages;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Monitor.Worker.Visits;
using Monitor.Worker.Tools.Common;

namespace Monitor.Worker.Tools.Import;

/// <summary>A spreadsheet of enterprise visits (访企拓岗走访记录), one visit per row → <see cref="EnterpriseVisitRecorded"/>.</summary>
public sealed class VisitImportSchema : ImportSchema<EnterpriseVisitRecorded>
{
    public const string VisitId = "visitId";
    public const string Tier = "tier";
    public const string UnitCode = "unitCode";
    public const string EmployerName = "employerName";
    public const string EmployerCreditCode = "employerCreditCode";
    public const string VisitedOn = "visitedOn";
    public const string Mode = "mode";
    public const string PositionsOpened = "positionsOpened";

    public static string TierValues(ToolLanguage language) =>
        (language ?? throw new ArgumentNullException(nameof(language))).Pick("领导班子（Leadership）或 二级学院（Unit）", "领导班子 (Leadership) or 二级学院 (Unit)");

    public static string ModeValues(ToolLanguage language) =>
        (language ?? throw new ArgumentNullException(nameof(language))).Pick("走出去（Outgoing）或 请进来（Incoming）", "走出去 (Outgoing) or 请进来 (Incoming)");

    public static readonly IReadOnlyDictionary<string, VisitTier> Tiers = ImportText.Words(
        (VisitTier.Leadership, ["Leadership", "学院领导班子", "领导班子", "学院领导", "校领导", "学校领导"]),
        (VisitTier.Unit, ["Unit", "二级学院", "二级学院和相关职能部门", "二级学院和职能部门", "二级学院及职能部门", "职能部门", "相关职能部门"]));

    public static readonly IReadOnlyDictionary<string, VisitMode> Modes = ImportText.Words(
        (VisitMode.Outgoing, ["Outgoing", "走出去", "实地", "实地走访", "上门走访", "走访企业"]),
        (VisitMode.Incoming, ["Incoming", "请进来", "来校", "邀请来校", "企业来校", "进校"]));

    public override string Noun => "visit";

    public override string ChineseNoun => "走访记录";

    public override string Queue { get; } = MessagingExtensions.EndpointNames.Consumer<EnterpriseVisitRecordedConsumer>();

    public override string IdField => VisitId;

    public override IReadOnlyList<ImportField> Fields { get; } =
    [
        new(VisitId, false, ["走访编号", "VisitId"]),
        new(ImportRow.InstitutionField, true, ["院校代码", "学校代码", "InstitutionId", "Institution"]),
        new(Tier, true, ["走访层级", "层级", "走访类型", "Tier"]),
        new(UnitCode, false, ["学院", "二级学院", "部门", "走访部门", "单位代码", "学院代码", "UnitCode", "Unit"]),
        new(EmployerName, true, ["用人单位名称", "用人单位", "企业名称", "走访企业", "EmployerName", "Employer"]),
        new(EmployerCreditCode, false, ["统一社会信用代码", "信用代码", "社会信用代码", "CreditCode", "EmployerCreditCode"]),
        new(VisitedOn, true, ["走访日期", "日期", "走访时间", "VisitDate", "VisitedOn", "Date"], ImportFieldKind.Date),
        new(Mode, true, ["走访方式", "方式", "走访形式", "Mode"]),
        new(PositionsOpened, true, ["开拓岗位数", "开拓岗位", "岗位数", "提供岗位数", "PositionsOpened", "Positions"], ImportFieldKind.WholeNumber),
    ];

    public override IReadOnlyList<(string Field, object?[] Samples)> Template(Unit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return
        [
            (VisitId, ["V-2024-0001", "V-2024-0002"]),
            (VisitedOn, [new DateOnly(2024, 3, 12), new DateOnly(2024, 4, 9)]),
            (Tier, ["领导班子", "二级学院"]),
            (UnitCode, [null, unit.Name]),
            (EmployerName, ["天津滨海智能装备有限公司", "天津精工模具有限公司"]),
            (EmployerCreditCode, ["91120116MA05K3T8XC", null]),
            (Mode, ["走出去", "请进来"]),
            (PositionsOpened, [12, 8]),
        ];
    }

    public override IReadOnlyDictionary<string, IReadOnlyList<string>> Choices(Institution? institution)
    {
        var choices = new Dictionary<string, IReadOnlyList<string>>
        {
            [Tier] = ["领导班子", "二级学院"],
            [Mode] = ["走出去", "请进来"],
        };
        if (institution is not null)
        {
            choices[UnitCode] = [.. institution.Units.Select(u => u.Name)];
        }

        return choices;
    }

    public override string? DerivedIdNote(ColumnMap columns, ToolLanguage language)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(language);
        return columns.Has(VisitId)
            ? null
            : language.Pick(
                "编号由行内容生成（没有走访编号列）：更正过的行是一条新走访，与旧的一起计数；请先撤销旧的那条（把它导入时的原行复制到撤销走访文件并写明原因）",
                "ids derived from row content (no 走访编号 column): a corrected row is a new visit, counted beside the old one; cancel the old one first (its row as imported, copied into a cancellations file with a reason)");
    }

    public override EnterpriseVisitRecorded Map(ImportRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var institution = row.Institution();
        var code = row.Text(EmployerCreditCode);
        var visit = new EnterpriseVisitRecorded(
            string.Empty,
            institution,
            row.Word(Tier, Tiers, TierValues(row.Context.Language)) ?? default,
            row.Unit(UnitCode, institution),
            row.Text(EmployerName) ?? string.Empty,
            code is null ? null : EmployerIdentity.NormaliseCreditCode(code),
            row.Date(VisitedOn),
            row.Word(Mode, Modes, ModeValues(row.Context.Language)) ?? default,
            row.Number(PositionsOpened, 0));
        return visit with { VisitId = row.Text(VisitId) ?? ImportHash.DerivedId("visit" + ImportHash.Separator + Canonical(visit)) };
    }

    public override IReadOnlyList<string> Validate(EnterpriseVisitRecorded message, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return VisitValidation.Validate(message, context.Institutions, context.Clock.GetUtcNow());
    }

    /// <summary>The store keeps one visit per institution and visit id: two institutions may both use V-0001.</summary>
    public override string Key(EnterpriseVisitRecorded message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join(ImportHash.Separator, message.InstitutionId, message.VisitId);
    }

    public override string Canonical(EnterpriseVisitRecorded message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join(
            ImportHash.Separator,
            message.VisitId,
            message.InstitutionId,
            message.Tier,
            message.UnitCode,
            message.EmployerName,
            message.EmployerCreditCode,
            message.VisitedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            message.Mode,
            message.PositionsOpened.ToString(CultureInfo.InvariantCulture));
    }
}
