using System.Globalization;
using System.Text;
using Monitor.Messages;
using Monitor.Worker.Alerts;
using Monitor.Worker.Institutions;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Delivery;

/// <summary>
/// The markdown a leader reads on a phone in a WeCom or DingTalk group: a severity marker, the alert's Summary as is,
/// the key numbers one per line and the lagging units; the digest as one line per target. At most
/// <see cref="MaxBytes"/> bytes of UTF-8 (WeCom's limit for markdown content, applied to DingTalk too).
/// </summary>
public sealed class WebhookMarkdown(InstitutionCatalog institutions, TargetCatalog targets, string language)
{
    public const int MaxBytes = 4096;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly bool english = Wording.IsEnglish(language);

    public WebhookMessage Alert(TargetStatusChanged alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var institution = institutions.Find(alert.InstitutionId);
        var scope = institution?.FindUnit(alert.UnitCode)?.Name ?? alert.UnitCode ?? institution?.ShortName ?? alert.InstitutionId;
        var target = targets.All.FirstOrDefault(t => t.Id == alert.TargetId);
        var isRate = alert.Denominator is not null || target?.IsRate == true;
        var unit = Unit(target, isRate);
        var severity = SeverityName(alert.Severity);
        var change = alert.IsReminder
            ? english ? $"still {Status(alert.Current)} (reminder)" : $"仍为「{Status(alert.Current)}」（持续提醒）"
            : alert.Previous is { } previous
                ? english ? $"{Status(previous)} → {Status(alert.Current)}" : $"由「{Status(previous)}」转为「{Status(alert.Current)}」"
                : english ? $"now {Status(alert.Current)}" : $"当前「{Status(alert.Current)}」";

        var s = new StringBuilder();
        s.Append("### ").Append(Marker(alert.Severity)).Append(' ').Append(severity).Append(" · ").Append(scope).Append('\n');
        s.Append("**").Append(alert.TargetName).Append("**：").Append(change).Append("\n\n");
        s.Append("> ").Append(alert.Summary.ReplaceLineEndings(" ")).Append("\n\n");

        var actual = Value(alert.Actual, unit);
        if (alert.Numerator is { } numerator && alert.Denominator is { } denominator)
        {
            actual += string.Create(Invariant, $"（{numerator:N0}/{denominator:N0}）");
        }

        Line(s, english ? "Actual" : "实际", actual);
        Line(s, english ? "Target" : "目标", Value(alert.Threshold, unit));
        if (alert.ExpectedByNow is { } expected)
        {
            Line(s, english ? "Expected by now" : "按进度应达", Value(expected, unit));
        }

        if (alert.Forecast is { } forecast)
        {
            Line(s, english ? $"Forecast at {alert.Deadline:yyyy-MM-dd}" : $"预计截至 {alert.Deadline.Month}月{alert.Deadline.Day}日", Value(forecast, unit));
        }

        if (alert.RequiredPerWeek is { } perWeek)
        {
            var per = isRate ? english ? " graduates" : " 人" : unit;
            Line(s, english ? "Required pace" : "所需进度", english ? $"about {Wording.Number(perWeek)}{per} per week" : $"约每周 {Wording.Number(perWeek)}{per}");
        }

        if (alert.DaysLeft is { } days)
        {
            Line(s, english ? "Days left" : "剩余天数", english ? $"{days}" : $"{days} 天");
        }

        if (alert.LaggingUnits.Count > 0)
        {
            s.Append('\n').Append(english ? "**Lagging units**" : "**滞后单位**").Append('\n');
            foreach (var lagging in alert.LaggingUnits)
            {
                var value = lagging.ExpectedByNow is { } due ? $"{Wording.Number(lagging.Actual)} / {Value(due, unit)}" : Value(lagging.Actual, unit);
                s.Append("- ").Append(lagging.UnitName).Append('：').Append(value).Append('（').Append(Status(lagging.Status)).Append("）\n");
            }
        }

        s.Append('\n').Append(english ? "Evaluated " : "评估时间 ").Append(LocalTime(alert.EvaluatedAt, institution));
        var title = english ? $"[{severity}] {scope} {alert.TargetName}: {Status(alert.Current)}" : $"【{severity}】{scope}「{alert.TargetName}」{Status(alert.Current)}";
        return new WebhookMessage(title, Fit(s.ToString()));
    }

    public WebhookMessage Digest(DailyDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var institution = institutions.Find(digest.InstitutionId);
        var name = institution?.ShortName ?? digest.InstitutionId;
        var date = digest.Date.ToString("yyyy-MM-dd", Invariant);
        var whole = digest.Lines.Where(l => l.UnitCode is null).ToList();

        var s = new StringBuilder();
        var title = english ? $"Daily digest · {name} · {date}" : $"每日简报 · {name} · {date}";
        s.Append("### 📋 ").Append(title).Append('\n');
        s.Append(string.Join(" · ", whole.GroupBy(l => l.Status).OrderBy(g => g.Key).Select(g => english ? $"{Status(g.Key)} {g.Count()}" : $"{Status(g.Key)} {g.Count()} 项")));
        s.Append("\n\n");
        foreach (var line in whole)
        {
            var target = targets.All.FirstOrDefault(t => t.Id == line.TargetId);
            var unit = Unit(target, target?.IsRate == true);
            s.Append("- ").Append(StatusMarker(line.Status)).Append(' ').Append(line.TargetName).Append('：').Append(Value(line.Actual, unit));
            if (line.ActualYesterday is { } before && before != line.Actual)
            {
                s.Append(english ? $" (yesterday {Wording.Number(before)})" : $"（昨日 {Wording.Number(before)}）");
            }

            if (line.ExpectedByNow is { } expected)
            {
                s.Append(english ? $", expected {Value(expected, unit)}" : $"，应达 {Value(expected, unit)}");
            }

            s.Append(english ? $", target {Value(line.Threshold, unit)} · " : $"，目标 {Value(line.Threshold, unit)} · ").Append(Status(line.Status));
            if (line.PreviousStatus is { } previous && previous != line.Status)
            {
                s.Append(english ? $" (yesterday {Status(previous)})" : $"（昨日{Status(previous)}）");
            }

            var lagging = digest.Lines
                .Where(l => l.TargetId == line.TargetId && l.UnitCode is not null && l.Status is TargetStatus.AtRisk or TargetStatus.OffTrack or TargetStatus.Missed or TargetStatus.NoData)
                .Select(l => $"{institution?.FindUnit(l.UnitCode)?.Name ?? l.UnitCode}（{Status(l.Status)}）")
                .ToList();
            if (lagging.Count > 0)
            {
                s.Append(english ? "; lagging: " : "；滞后单位：").Append(string.Join(english ? ", " : "、", lagging));
            }

            s.Append('\n');
        }

        return new WebhookMessage(title, Fit(s.ToString().TrimEnd('\n')));
    }

    /// <summary>Cut to <see cref="MaxBytes"/> at a character boundary, saying so at the end.</summary>
    public string Fit(string markdown) => Utf8Text.Truncate(markdown, MaxBytes, english ? "\n… (truncated)" : "\n…（内容过长，已截断）");

    private static void Line(StringBuilder s, string label, string value) => s.Append("- ").Append(label).Append('：').Append(value).Append('\n');

    private static string Marker(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "🔴",
        AlertSeverity.Warning => "🟠",
        _ => "🟢",
    };

    private static string StatusMarker(TargetStatus status) => status switch
    {
        TargetStatus.OffTrack or TargetStatus.Missed => "🔴",
        TargetStatus.AtRisk or TargetStatus.NoData => "🟠",
        TargetStatus.Pending => "⚪",
        _ => "🟢",
    };

    private string SeverityName(AlertSeverity severity) => Wording.SeverityName(severity, language);

    private string Status(TargetStatus status) => Wording.StatusName(status, language);

    private string Unit(TargetDefinition? target, bool isRate) =>
        isRate ? "%"
        : target?.Metric == MetricKind.PositionsOpened ? english ? " positions" : " 个"
        : target is null ? ""
        : english ? " employers" : " 家";

    private static string Value(decimal value, string unit) => Wording.Number(value) + unit;

    private static string LocalTime(DateTimeOffset instant, Institution? institution)
    {
        var local = institution is null ? instant : TimeZoneInfo.ConvertTime(instant, institution.TimeZone);
        return local.ToString("yyyy-MM-dd HH:mm", Invariant);
    }
}
