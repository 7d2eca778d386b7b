using System.Globalization;
using Monitor.Messages;

namespace Monitor.Worker.Alerts;

/// <summary>
/// The words every text Monitor writes shares (alerts, the digest, robot posts, the tools): the language setting, the
/// names of statuses and severities, how numbers and dates are written. Chinese by default, English with <c>en</c>.
/// </summary>
public static class Wording
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Monitor:Language is zh-CN (the default) or en; anything starting with "en" is English.</summary>
    public static bool IsEnglish(string language) => language.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    /// <summary>未开始, 进度正常, 略有滞后 … in Chinese; the member name in English.</summary>
    public static string StatusName(TargetStatus status, string language) =>
        IsEnglish(language) ? status.ToString() : ChineseStatus(status);

    /// <summary>严重, 预警, 提示 in Chinese; the member name in English.</summary>
    public static string SeverityName(AlertSeverity severity, string language) =>
        IsEnglish(language) ? severity.ToString() : ChineseSeverity(severity);

    public static string ChineseStatus(TargetStatus status) => status switch
    {
        TargetStatus.Pending => "未开始",
        TargetStatus.OnTrack => "进度正常",
        TargetStatus.AtRisk => "略有滞后",
        TargetStatus.OffTrack => "明显滞后",
        TargetStatus.Met => "已达成",
        TargetStatus.Missed => "未达成",
        TargetStatus.NoData => "无数据",
        _ => status.ToString(),
    };

    /// <summary>
    /// The colour of a status wherever it is shown (the console board, the dashboard): green when on track or met,
    /// yellow when behind within the band or without data, red when clearly behind or missed, grey before it starts.
    /// </summary>
    public static string StatusColour(TargetStatus status) => status switch
    {
        TargetStatus.Met or TargetStatus.OnTrack => "green",
        TargetStatus.AtRisk or TargetStatus.NoData => "yellow",
        TargetStatus.OffTrack or TargetStatus.Missed => "red",
        _ => "grey",
    };

    public static string ChineseSeverity(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "严重",
        AlertSeverity.Warning => "预警",
        _ => "提示",
    };

    /// <summary>A figure in a sentence: whole numbers with thousands separators (2,386), others to two decimals (95.44).</summary>
    public static string Number(decimal value) => value == Math.Truncate(value)
        ? value.ToString("N0", Invariant)
        : value.ToString("0.##", Invariant);

    /// <summary>A figure in a table or a digest line: no thousands separators (2386), others to two decimals.</summary>
    public static string PlainNumber(decimal value) => value.ToString(value == Math.Truncate(value) ? "0" : "0.##", Invariant);

    /// <summary>A date in a Chinese sentence: 8月31日.</summary>
    public static string ChineseDate(DateOnly day) => $"{day.Month}月{day.Day}日";
}
