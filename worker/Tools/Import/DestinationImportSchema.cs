using System.Globalization;
using Monitor.Messages;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Monitor.Worker.Placement;
using Monitor.Worker.Visits;
using Monitor.Worker.Tools.Common;

namespace Monitor.Worker.Tools.Import;

/// <summary>Graduate destinations (毕业去向), one report per row → <see cref="GraduateDestinationReported"/>.</summary>
public sealed class DestinationImportSchema : ImportSchema<GraduateDestinationReported>
{
    public const string ReportId = "reportId";
    public const string GraduateId = "graduateId";
    public const string Destination = "destination";
    public const string EffectiveOn = "effectiveOn";
    public const string ReportedAt = "reportedAt";
    public const string EmployerName = "employerName";
    public const string EmployerCreditCode = "employerCreditCode";

    /// <summary>
    /// 毕业去向 as the office writes them: the names of DESIGN §2, the longer names the national destination register
    /// shows (签就业协议形式就业 …, and the national grassroots projects by name: 西部计划, 三支一扶, 特岗教师) and the
    /// English values. Numeric destination codes are refused (<see cref="IsCode"/>): no official code table can be
    /// cited and checked here, and a wrong mapping would silently count graduates as placed.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Destination> Destinations = ImportText.Words(
        (Messages.Destination.AgreementEmployment, ["AgreementEmployment", "签就业协议", "签就业协议形式就业", "协议就业"]),
        (Messages.Destination.ContractEmployment, ["ContractEmployment", "签劳动合同", "签劳动合同形式就业", "合同就业"]),
        (Messages.Destination.OtherEmployment, ["OtherEmployment", "其他录用形式", "其他录用形式就业"]),
        (Messages.Destination.ResearchAssistant, ["ResearchAssistant", "科研助理、管理助理", "科研助理", "管理助理", "科研/管理助理"]),
        (Messages.Destination.Military, ["Military", "应征义务兵", "入伍", "参军入伍"]),
        (Messages.Destination.NationalGrassrootsProject, ["NationalGrassrootsProject", "国家基层项目", "西部计划", "三支一扶", "特岗教师", "特岗计划"]),
        (Messages.Destination.LocalGrassrootsProject, ["LocalGrassrootsProject", "地方基层项目"]),
        (Messages.Destination.Entrepreneurship, ["Entrepreneurship", "自主创业"]),
        (Messages.Destination.Freelance, ["Freelance", "自由职业"]),
        (Messages.Destination.FurtherStudy, ["FurtherStudy", "升学", "境内升学", "升学(境内)", "专升本"]),
        (Messages.Destination.StudyAbroad, ["StudyAbroad", "出国、出境", "出国(境)", "出国（境）留学", "出国", "出境"]),
        (Messages.Destination.Unplaced, ["Unplaced", "待就业", "求职中", "未就业"]),
        (Messages.Destination.NotSeekingEmployment, ["NotSeekingEmployment", "暂不就业", "不就业拟升学", "其他暂不就业", "拟升学"]));

    /// <summary>The accepted values, as a message lists them.</summary>
    public static string DestinationValues(ToolLanguage language) => (language ?? throw new ArgumentNullException(nameof(language))).Pick(
        "签就业协议、签劳动合同、其他录用形式、科研助理、管理助理、应征义务兵、国家基层项目、地方基层项目、自主创业、自由职业、升学、出国、出境、待就业、暂不就业（也可用全国毕业去向登记中的全称，如“签劳动合同形式就业”，或英文值，如 ContractEmployment）",
        "签就业协议, 签劳动合同, 其他录用形式, 科研助理、管理助理, 应征义务兵, 国家基层项目, 地方基层项目, 自主创业, 自由职业, 升学, 出国、出境, 待就业, 暂不就业 (or the full names of the national destination register, e.g. 签劳动合同形式就业, or the English values, e.g. ContractEmployment)");

    public override string Noun => "destination report";

    public override string ChineseNoun => "毕业去向";

    public override string Queue { get; } = MessagingExtensions.EndpointNames.Consumer<GraduateDestinationReportedConsumer>();

    public override string IdField => ReportId;

    public override IReadOnlyList<ImportField> Fields { get; } =
    [
        new(ReportId, false, ["报告编号", "ReportId"]),
        new(ImportRow.InstitutionField, true, ["院校代码", "学校代码", "InstitutionId", "Institution"]),
        new(ImportRow.CohortField, true, ["届别", "毕业年份", "毕业届别", "届", "CohortYear", "Cohort"], ImportFieldKind.WholeNumber),
        new(GraduateId, true, ["学号", "学生学号", "GraduateId", "StudentId"]),
        new(Destination, true, ["毕业去向", "去向", "毕业去向类别", "Destination"]),
        new(EffectiveOn, true, ["落实日期", "去向日期", "生效日期", "签约日期", "EffectiveOn", "Date"], ImportFieldKind.Date),
        new(ReportedAt, false, ["上报时间", "填报时间", "报告时间", "ReportedAt"], ImportFieldKind.DateTime),
        new(EmployerName, false, ["用人单位名称", "用人单位", "就业单位", "单位名称", "EmployerName", "Employer"]),
        new(EmployerCreditCode, false, ["统一社会信用代码", "信用代码", "社会信用代码", "CreditCode", "EmployerCreditCode"]),
    ];

    /// <summary>The destinations as a template's list offers them: the Chinese names of DESIGN §2.</summary>
    public static readonly IReadOnlyList<string> ChineseNames =
        ["签就业协议", "签劳动合同", "其他录用形式", "科研助理、管理助理", "应征义务兵", "国家基层项目", "地方基层项目", "自主创业", "自由职业", "升学", "出国、出境", "待就业", "暂不就业"];

    public override IReadOnlyList<(string Field, object?[] Samples)> Template(Unit unit) =>
    [
        (ReportId, ["R-2024-0001", "R-2024-0002"]),
        (ImportRow.CohortField, [2024, 2024]),
        (GraduateId, ["2024JX0001", "2024JX0002"]),
        (Destination, ["签劳动合同", "升学"]),
        (EffectiveOn, [new DateOnly(2024, 5, 20), new DateOnly(2024, 6, 3)]),
        (ReportedAt, [new DateTime(2024, 5, 22, 10, 15, 0, DateTimeKind.Unspecified), null]),
        (EmployerName, ["天津滨海智能装备有限公司", null]),
        (EmployerCreditCode, ["91120116MA05K3T8XC", null]),
    ];

    public override IReadOnlyDictionary<string, IReadOnlyList<string>> Choices(Institution? institution) =>
        new Dictionary<string, IReadOnlyList<string>> { [Destination] = ChineseNames };

    public override string? DerivedIdNote(ColumnMap columns, ToolLanguage language)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(language);
        return columns.Has(ReportId)
            ? null
            : language.Pick(
                "编号由行内容生成（没有报告编号列）：更正过的行是旧报告之外的一份新报告，只有落实日期或上报时间更晚时才取代旧报告",
                "ids derived from row content (no 报告编号 column): a corrected row is a new report beside the old one, and it replaces the old one only with a later 落实日期 or 上报时间");
    }

    public override GraduateDestinationReported Map(ImportRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var institution = row.Institution();
        var zone = row.Context.Institutions.Find(institution)?.TimeZone ?? TimeZoneInfo.Utc;
        var effectiveOn = row.Date(EffectiveOn);
        var code = row.Text(EmployerCreditCode);
        var reportedAt = row.Timestamp(ReportedAt, zone);
        if (reportedAt is null && row.Text(ReportedAt) is null)
        {
            // No time of report: the start of the effective date; any problem with it is the effective date's.
            row.Derived(ReportedAt);
            reportedAt = effectiveOn == default ? default : ImportText.Local(effectiveOn, TimeOnly.MinValue, zone);
        }
        var report = new GraduateDestinationReported(
            string.Empty,
            institution,
            row.Cohort(),
            row.Text(GraduateId) ?? string.Empty,
            ReadDestination(row) ?? default,
            effectiveOn,
            reportedAt ?? default,
            row.Text(EmployerName),
            code is null ? null : EmployerIdentity.NormaliseCreditCode(code));
        return report with { ReportId = row.Text(ReportId) ?? ImportHash.DerivedId("destination" + ImportHash.Separator + Canonical(report)) };
    }

    /// <summary>A cell of digits only (a 毕业去向代码 such as 11 or 501).</summary>
    public static bool IsCode(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private static Destination? ReadDestination(ImportRow row)
    {
        var language = row.Context.Language;
        if (row.Text(Destination) is { } text && IsCode(ImportText.WordKey(text)))
        {
            row.Problem(Destination, language.Pick(
                $"「{text}」是数字代码：导入不换算毕业去向代码，请写去向的名称：{DestinationValues(language)}",
                $"'{text}' is a numeric code: the import does not translate destination codes; write the destination's name: {DestinationValues(language)}"));
            return null;
        }

        return row.Word(Destination, Destinations, DestinationValues(language));
    }

    public override IReadOnlyList<string> Validate(GraduateDestinationReported message, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PlacementValidation.Validate(message, context.Institutions, context.Clock.GetUtcNow());
    }

    /// <summary>The store keeps one report per institution and report id: two institutions may both use R-0001.</summary>
    public override string Key(GraduateDestinationReported message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join(ImportHash.Separator, message.InstitutionId, message.ReportId);
    }

    public override string Canonical(GraduateDestinationReported message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join(
            ImportHash.Separator,
            message.ReportId,
            message.InstitutionId,
            message.CohortYear.ToString(CultureInfo.InvariantCulture),
            message.GraduateId,
            message.Destination,
            message.EffectiveOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            message.ReportedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            message.EmployerName,
            message.EmployerCreditCode);
    }
}
