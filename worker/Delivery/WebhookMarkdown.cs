using System.Globalization;
using System.Text;
using Monitor.Messages;
using Monitor.Worker.Alerts;
using Monitor.Worker.Institutions;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Delivery;

/// <summary>
/// The markdown a leader reads on a phone in a WeCom or DingTalk group. One alert: a severity marker, the scope, the
/// alert's Summary as is, the key numbers one per line and the lagging units. Several alerts of one institution and
/// target: the institution and target named once, then one line per scope with its own change and figures, the
/// institution first and the units worst first. The digest: one paragraph per target, its units folded into it, with
/// the statuses that persist and the silences in force. Only headings, bold, quotes and lists, each block separated by a
/// blank line, which both robots render (WeCom as <c>markdown_v2</c>). With <paramref name="links"/> (Monitor:Web:PublicUrl
/// set), each alert post ends with a link to its target's page (the unit's, for one unit) and each digest line links
/// its target. At most <see cref="MaxBytes"/> bytes of UTF-8 (WeCom's limit, applied to DingTalk too); an alert's link
/// is kept whatever is cut.
/// </summary>
public sealed class WebhookMarkdown(InstitutionCatalog institutions, TargetCatalog targets, string language, ITargetLinks? links = null)
{
    public const int MaxBytes = 4096;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly bool english = Wording.IsEnglish(language);

    /// <summary>One message for alerts of one institution and target, already arranged (<see cref="NotificationRules.Arrange"/>).</summary>
    public WebhookMessage Alerts(IReadOnlyList<TargetStatusChanged> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        return alerts.Count switch
        {
            0 => throw new ArgumentException("A notification needs at least one alert.", nameof(alerts)),
            1 => Alert(alerts[0]),
            _ => Group(alerts),
        };
    }

    public WebhookMessage Alert(TargetStatusChanged alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var institution = institutions.Find(alert.InstitutionId);
        var scope = institution?.FindUnit(alert.UnitCode)?.Name ?? alert.UnitCode ?? institution?.ShortName ?? alert.InstitutionId;
        var target = targets.All.FirstOrDefault(t => t.Id == alert.TargetId);
        var isRate = alert.Denominator is not null || target?.IsRate == true;
        var unit = Unit(target, isRate);
        var severity = SeverityName(alert.Severity);

        var s = new StringBuilder();
        s.Append("### ").Append(Marker(alert.Severity)).Append(' ').Append(severity).Append(" · ").Append(scope).Append('\n');
        s.Append("**").Append(TargetTitle(alert, target)).Append("**：").Append(Change(alert)).Append("\n\n");
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
            s.Append('\n').Append(english ? "**Lagging units**" : "**滞后单位**").Append("\n\n");
            foreach (var lagging in alert.LaggingUnits)
            {
                var value = lagging.ExpectedByNow is { } due ? $"{Wording.Number(lagging.Actual)} / {Value(due, unit)}" : Value(lagging.Actual, unit);
                s.Append("- ").Append(lagging.UnitName).Append('：').Append(value).Append('（').Append(Status(lagging.Status)).Append("）\n");
            }
        }

        s.Append('\n').Append(english ? "Evaluated " : "评估时间 ").Append(LocalTime(alert.EvaluatedAt, institution));
        var title = english ? $"[{severity}] {scope} {alert.TargetName}: {Status(alert.Current)}" : $"【{severity}】{scope}「{alert.TargetName}」{Status(alert.Current)}";
        return new WebhookMessage(title, Fit(s.ToString(), LinkLine(alert.TargetId, alert.UnitCode)));
    }

    /// <summary>Several scopes of one institution and target: named once, then a line per scope.</summary>
    public WebhookMessage Group(IReadOnlyList<TargetStatusChanged> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var first = alerts[0];
        var institution = institutions.Find(first.InstitutionId);
        var name = institution?.ShortName ?? first.InstitutionId;
        var target = targets.All.FirstOrDefault(t => t.Id == first.TargetId);
        var worst = alerts.Max(a => a.Severity);
        var severity = SeverityName(worst);
        var units = alerts.Count(a => a.UnitCode is not null);
        var hasInstitution = alerts.Any(a => a.UnitCode is null);
        var scopes = english
            ? hasInstitution ? $"institution and {units} unit{(units == 1 ? "" : "s")}" : $"{units} units"
            : hasInstitution ? $"全院及 {units} 个单位" : $"{units} 个单位";

        var s = new StringBuilder();
        s.Append("### ").Append(Marker(worst)).Append(' ').Append(severity).Append(" · ").Append(name).Append('\n');
        s.Append("**").Append(TargetTitle(first, target)).Append("**：").Append(scopes).Append("\n\n");
        foreach (var alert in alerts)
        {
            var isRate = alert.Denominator is not null || target?.IsRate == true;
            var scope = alert.UnitCode is null
                ? english ? "**Institution**" : "**全院**"
                : institution?.FindUnit(alert.UnitCode)?.Name ?? alert.UnitCode;
            s.Append("- ").Append(Marker(alert.Severity)).Append(' ').Append(scope).Append(english ? ": " : "：").Append(Change(alert))
                .Append(english ? ", " : "，").Append(Figures(alert, target, isRate)).Append('\n');
        }

        s.Append('\n').Append(english ? "Evaluated " : "评估时间 ").Append(LocalTime(alerts.Max(a => a.EvaluatedAt), institution));
        var title = english ? $"[{severity}] {name} {first.TargetName}: {scopes}" : $"【{severity}】{name}「{first.TargetName}」{scopes}";
        return new WebhookMessage(title, Fit(s.ToString(), LinkLine(first.TargetId, null)));
    }

    /// <summary>
    /// The digest for a webhook: every target of the institution with its units folded into its paragraph (or, for a
    /// webhook of one unit, that unit's lines), how long each bad status has lasted, and the silences in force.
    /// </summary>
    /// <param name="digest">The digest as this Monitor made it.</param>
    /// <param name="unitCode">The webhook's unit, or null for the whole institution.</param>
    /// <param name="since">When a line's announced status began, when known.</param>
    /// <param name="silences">The silences in force now.</param>
    public WebhookMessage Digest(DailyDigest digest, string? unitCode, Func<DigestLine, DateTimeOffset?> since, IReadOnlyList<Silence> silences)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(since);
        ArgumentNullException.ThrowIfNull(silences);
        var institution = institutions.Find(digest.InstitutionId);
        var name = unitCode is null ? institution?.ShortName ?? digest.InstitutionId : institution?.FindUnit(unitCode)?.Name ?? unitCode;
        var date = digest.Date.ToString("yyyy-MM-dd", Invariant);
        var shown = digest.Lines.Where(l => l.UnitCode == unitCode).ToList();
        var relevant = silences.Where(x => x.InstitutionId == digest.InstitutionId && (unitCode is null || x.UnitCode is null || x.UnitCode == unitCode)).ToList();
        bool Silenced(DigestLine line) => relevant.Any(x => x.Covers(line.TargetId, digest.InstitutionId, line.UnitCode));
        string Persisting(DigestLine line)
        {
            var days = since(line) is { } start && line.Status is TargetStatus.AtRisk or TargetStatus.OffTrack or TargetStatus.NoData
                ? digest.Date.DayNumber - LocalDate(start, institution).DayNumber
                : 0;
            return days <= 0 ? "" : english ? $", for {days} days" : $"，已持续 {days} 天";
        }

        var s = new StringBuilder();
        var title = english ? $"Daily digest · {name} · {date}" : $"每日简报 · {name} · {date}";
        s.Append("### 📋 ").Append(title).Append('\n');
        s.Append(string.Join(" · ", shown.GroupBy(l => l.Status).OrderBy(g => g.Key).Select(g => english ? $"{Status(g.Key)} {g.Count()}" : $"{Status(g.Key)} {g.Count()} 项")));
        s.Append("\n\n");
        foreach (var line in shown)
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

            s.Append(Persisting(line));
            if (Silenced(line))
            {
                s.Append(" 🔕");
            }

            if (unitCode is null)
            {
                var units = digest.Lines.Where(l => l.TargetId == line.TargetId && l.UnitCode is not null).ToList();
                var behind = units.Where(l => IsBehind(l.Status)).OrderBy(l => NotificationRules.Badness(l.Status)).ToList();
                if (behind.Count > 0)
                {
                    s.Append(english ? "; units: " : "；单位：").Append(string.Join(english ? ", " : "、", behind.Select(l =>
                    {
                        var figures = l.ExpectedByNow is { } due
                            ? english ? $"{Value(l.Actual, unit)}, expected {Value(due, unit)}" : $"{Value(l.Actual, unit)}，应达 {Value(due, unit)}"
                            : Value(l.Actual, unit);
                        var unitName = institution?.FindUnit(l.UnitCode)?.Name ?? l.UnitCode;
                        return $"{unitName} {Status(l.Status)}{(english ? " (" : "（")}{figures}{Persisting(l)}{(english ? ")" : "）")}{(Silenced(l) ? " 🔕" : "")}";
                    })));
                    if (units.Count > behind.Count)
                    {
                        s.Append(english ? $"; the other {units.Count - behind.Count} not behind" : $"；其余 {units.Count - behind.Count} 个单位无滞后");
                    }
                }
            }

            if (links is not null)
            {
                s.Append(english ? " · [chart](" : " · [图表](").Append(links.PageLink(line.TargetId, unitCode)).Append(')');
            }

            s.Append('\n');
        }

        if (relevant.Count > 0)
        {
            s.Append('\n').Append(english ? $"🔕 **Silenced ({relevant.Count})**" : $"🔕 **静默中（{relevant.Count}）**").Append("\n\n");
            foreach (var silence in relevant)
            {
                s.Append("- ").Append(SilenceText.Line(silence, institutions, targets, language)).Append('\n');
            }
        }

        return new WebhookMessage(title, Fit(s.ToString().TrimEnd('\n'), wholeLines: links is not null));
    }

    /// <summary>
    /// Cut to <see cref="MaxBytes"/> with <paramref name="tail"/> (an alert's link line) kept whole after it, saying so
    /// at the end of what is cut: at a character boundary, or with <paramref name="wholeLines"/> at a line's end (when
    /// lines carry links, a cut inside one could split a link's address).
    /// </summary>
    public string Fit(string markdown, string tail = "", bool wholeLines = false)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(tail);
        var marker = english ? "\n… (truncated)" : "\n…（内容过长，已截断）";
        var budget = MaxBytes - Utf8Text.ByteCount(tail);
        if (Utf8Text.ByteCount(markdown) <= budget)
        {
            return markdown + tail;
        }

        var cut = Utf8Text.Truncate(markdown, budget, marker);
        if (wholeLines)
        {
            var kept = cut[..^marker.Length];
            var lineEnd = kept.LastIndexOf('\n');
            cut = (lineEnd > 0 ? kept[..lineEnd] : kept) + marker;
        }

        return cut + tail;
    }

    /// <summary>The link line at the end of an alert post: 「查看图表」 and the target's (or the unit's) signed page; nothing without links.</summary>
    private string LinkLine(string targetId, string? unitCode) =>
        links is null ? "" : $"\n\n[{(english ? "View chart" : "查看图表")}]({links.PageLink(targetId, unitCode)})";

    private static bool IsBehind(TargetStatus status) => status is TargetStatus.AtRisk or TargetStatus.OffTrack or TargetStatus.Missed or TargetStatus.NoData;

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

    /// <summary>What happened to the scope's status: a change, a reminder, a first status, or a rate's final verdict.</summary>
    private string Change(TargetStatusChanged alert) =>
        alert.IsFinalNotice ? english ? $"final result {Status(alert.Current)}" : $"最终结果「{Status(alert.Current)}」"
        : alert.IsReminder ? english ? $"still {Status(alert.Current)} (reminder)" : $"仍为「{Status(alert.Current)}」（持续提醒）"
        : alert.Previous is { } previous ? english ? $"{Status(previous)} → {Status(alert.Current)}" : $"由「{Status(previous)}」转为「{Status(alert.Current)}」"
        : english ? $"now {Status(alert.Current)}" : $"当前「{Status(alert.Current)}」";

    /// <summary>A scope's figures on one line: "11 家（应达 18 家，目标 25 家）", "88.5%（23/26，应达 90%，目标 95%，暂定）".</summary>
    private string Figures(TargetStatusChanged alert, TargetDefinition? target, bool isRate)
    {
        var unit = Unit(target, isRate);
        var details = new List<string>();
        if (alert.Numerator is { } numerator && alert.Denominator is { } denominator)
        {
            details.Add(string.Create(Invariant, $"{numerator:N0}/{denominator:N0}"));
        }

        if (alert.ExpectedByNow is { } expected)
        {
            details.Add(english ? $"expected {Value(expected, unit)}" : $"应达 {Value(expected, unit)}");
        }

        details.Add(english ? $"target {Value(alert.Threshold, unit)}" : $"目标 {Value(alert.Threshold, unit)}");
        if (alert.CurrentActual is not null && !alert.IsFinal)
        {
            details.Add(english ? "provisional" : "暂定");
        }

        if (alert.SmallGroup)
        {
            details.Add(english ? "small group, for reference" : "人数少，仅供参考");
        }

        return english
            ? $"{Value(alert.Actual, unit)} ({string.Join(", ", details)})"
            : $"{Value(alert.Actual, unit)}（{string.Join("，", details)}）";
    }

    private static string TargetTitle(TargetStatusChanged alert, TargetDefinition? target) =>
        target?.Label is { } label ? $"[{label}] {alert.TargetName}" : alert.TargetName;

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

    private static DateOnly LocalDate(DateTimeOffset instant, Institution? institution) =>
        institution?.LocalDate(instant) ?? DateOnly.FromDateTime(instant.UtcDateTime);
}
