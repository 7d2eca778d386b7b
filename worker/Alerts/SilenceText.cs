using System.Globalization;
using Monitor.Worker.Institutions;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Alerts;

/// <summary>How a silence is written wherever people see it: the digest, the robots' digest, <c>status</c> and <c>silence list</c>.</summary>
public static class SilenceText
{
    /// <summary>
    /// What it covers, e.g. "新能源工程学院 · 二级学院和职能部门领导走访用人单位" or "天津轻工职院（全院及各单位） · 全部目标".
    /// </summary>
    public static string Covers(Silence silence, InstitutionCatalog institutions, TargetCatalog targets, string language)
    {
        ArgumentNullException.ThrowIfNull(silence);
        ArgumentNullException.ThrowIfNull(institutions);
        ArgumentNullException.ThrowIfNull(targets);
        var english = Wording.IsEnglish(language);
        var institution = institutions.Find(silence.InstitutionId);
        var scope = silence.UnitCode is { } unit
            ? institution?.FindUnit(unit)?.Name ?? unit
            : (institution?.ShortName ?? silence.InstitutionId) + (english ? " (institution and every unit)" : "（全院及各单位）");
        var target = silence.TargetId is { } id
            ? targets.All.FirstOrDefault(t => t.Id == id)?.Name ?? id
            : english ? "every target" : "全部目标";
        return $"{scope} · {target}";
    }

    /// <summary>When it ends, in the institution's local time: "2024-07-01 00:00".</summary>
    public static string Until(Silence silence, InstitutionCatalog institutions)
    {
        ArgumentNullException.ThrowIfNull(silence);
        ArgumentNullException.ThrowIfNull(institutions);
        var zone = institutions.Find(silence.InstitutionId)?.TimeZone ?? TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTime(silence.EndsAt, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>One line: "#3 新能源工程学院 · 全部目标，至 2024-07-01 00:00（张三：迎评期间暂停提醒）".</summary>
    public static string Line(Silence silence, InstitutionCatalog institutions, TargetCatalog targets, string language)
    {
        ArgumentNullException.ThrowIfNull(silence);
        var id = silence.Id.ToString(CultureInfo.InvariantCulture);
        return Wording.IsEnglish(language)
            ? $"#{id} {Covers(silence, institutions, targets, language)}, until {Until(silence, institutions)} ({silence.CreatedBy}: {silence.Reason})"
            : $"#{id} {Covers(silence, institutions, targets, language)}，至 {Until(silence, institutions)}（{silence.CreatedBy}：{silence.Reason}）";
    }
}
