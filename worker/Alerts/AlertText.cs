using System.Globalization;
using System.Text;
using Monitor.Messages;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Alerts;

/// <summary>
/// The alert's Summary: a few sentences a leader reads on a phone as they are, with the numbers that matter
/// (Chinese by default, English by configuration).
/// </summary>
public static class AlertText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Summary(
        TargetDefinition target,
        string scopeName,
        Assessment a,
        TargetStatus? previous,
        TargetStatus current,
        AlertSeverity severity,
        bool reminder,
        bool finalNotice,
        IReadOnlyList<LaggingUnit> lagging,
        string language) =>
        Wording.IsEnglish(language)
            ? English(target, scopeName, a, previous, current, severity, reminder, finalNotice, lagging)
            : Chinese(target, scopeName, a, previous, current, severity, reminder, finalNotice, lagging);

    private static string Chinese(
        TargetDefinition t, string scope, Assessment a, TargetStatus? previous, TargetStatus current, AlertSeverity severity, bool reminder, bool finalNotice, IReadOnlyList<LaggingUnit> lagging)
    {
        var s = new StringBuilder();
        s.Append('【').Append(Wording.ChineseSeverity(severity)).Append('】');
        if (t.Label is not null)
        {
            s.Append('[').Append(t.Label).Append(']');
        }

        s.Append(scope).Append('「').Append(t.Name).Append('」');
        if (finalNotice)
        {
            s.Append("最终结果：「").Append(Wording.ChineseStatus(current)).Append('」');
        }
        else if (reminder)
        {
            s.Append("仍为「").Append(Wording.ChineseStatus(current)).Append("」（持续提醒）");
        }
        else if (previous is null)
        {
            s.Append("当前「").Append(Wording.ChineseStatus(current)).Append('」');
        }
        else
        {
            s.Append("由「").Append(Wording.ChineseStatus(previous.Value)).Append("」转为「").Append(Wording.ChineseStatus(current)).Append('」');
        }

        s.Append('。');
        var unit = t.IsRate ? "%" : t.Metric == MetricKind.PositionsOpened ? " 个" : " 家";
        var done = t.IsRate ? "落实率" : t.Metric == MetricKind.PositionsOpened ? "已开拓岗位" : "已走访";
        s.Append(done).Append(' ').Append(Wording.Number(a.Actual)).Append(unit);
        if (a.Numerator is not null && a.Denominator is not null)
        {
            s.Append('（').Append(a.Numerator.Value.ToString("N0", Invariant)).Append('/').Append(a.Denominator.Value.ToString("N0", Invariant));
            if (a.IsMeasured)
            {
                // The measured figure: as of the measurement date, provisional until the books close.
                s.Append("，截至 ").Append(Wording.ChineseDate(a.AsOf)).Append(a.IsFinal ? string.Empty : "，暂定");
            }

            s.Append('）');
        }

        s.Append("，目标 ").Append(Wording.Number(a.Threshold)).Append(unit);
        if (current == TargetStatus.Missed)
        {
            s.Append("，截至 ").Append(Wording.ChineseDate(a.Deadline)).Append(" 未达成");
        }
        else if (current == TargetStatus.Met)
        {
            s.Append("，已达成");
        }
        else if (current == TargetStatus.NoData)
        {
            s.Append(a.Denominator is 0 ? "，尚无毕业生名册数据" : $"，已连续 {a.DaysWithoutData} 个工作日无新数据，请核实数据报送");
        }

        if (a.ExpectedByNow is not null && current is not (TargetStatus.Met or TargetStatus.Missed))
        {
            s.Append("；按进度此时应达 ").Append(Wording.Number(a.ExpectedByNow.Value)).Append(unit);
        }

        s.Append('。');
        if (a.Remaining is > 0 && a.DaysLeft is not null && current is not (TargetStatus.Met or TargetStatus.Missed))
        {
            var what = t.IsRate ? "还需落实" : t.Metric == MetricKind.PositionsOpened ? "还需开拓" : "还需走访";
            var count = t.IsRate ? " 人" : unit;
            s.Append(what).Append(' ').Append(Wording.Number(a.Remaining.Value)).Append(count)
                .Append("，剩余 ").Append(a.DaysLeft).Append(" 天，约每周 ").Append(Wording.Number(a.RequiredPerWeek ?? 0)).Append(count).Append('。');
        }

        if (a.Forecast is not null && current is TargetStatus.AtRisk or TargetStatus.OffTrack)
        {
            s.Append("按近期进度预计截至 ").Append(Wording.ChineseDate(a.Deadline)).Append(" 达 ").Append(Wording.Number(a.Forecast.Value)).Append(unit)
                .Append('（').Append(Wording.Number(a.ForecastLow ?? a.Forecast.Value)).Append('–').Append(Wording.Number(a.ForecastHigh ?? a.Forecast.Value)).Append("）。");
        }

        if (a.IsMeasured && !a.IsFinal)
        {
            s.Append("统计截至 ").Append(Wording.ChineseDate(a.Deadline)).Append('，').Append(Wording.ChineseDate(t.BooksCloseOn)).Append(" 前补报的数据仍计入，结果暂定。");
        }

        if (a.IsMeasured && a.CurrentActual is { } today && (today != a.Actual || a.CurrentNumerator != a.Numerator))
        {
            s.Append("（今日落实率 ").Append(Wording.Number(today)).Append('%');
            if (a.CurrentNumerator is not null && a.CurrentDenominator is not null)
            {
                s.Append('，').Append(a.CurrentNumerator.Value.ToString("N0", Invariant)).Append('/').Append(a.CurrentDenominator.Value.ToString("N0", Invariant));
            }

            s.Append("，不计入考核）");
        }

        if (a.SmallGroup)
        {
            s.Append("（人数少于 ").Append(t.Alerting.MinimumGroupSize).Append(" 人，仅供参考）");
        }

        if (lagging.Count > 0)
        {
            var pct = t.IsRate ? "%" : string.Empty;
            s.Append("滞后单位：").Append(string.Join("、", lagging.Select(u => u.ExpectedByNow is { } expected ? $"{u.UnitName} {Wording.Number(u.Actual)}{pct}/{Wording.Number(expected)}{pct}" : $"{u.UnitName} {Wording.Number(u.Actual)}{pct}"))).Append('。');
        }

        return s.ToString();
    }

    private static string English(
        TargetDefinition t, string scope, Assessment a, TargetStatus? previous, TargetStatus current, AlertSeverity severity, bool reminder, bool finalNotice, IReadOnlyList<LaggingUnit> lagging)
    {
        var s = new StringBuilder();
        s.Append('[').Append(severity).Append("] ");
        if (t.Label is not null)
        {
            s.Append('(').Append(t.Label).Append(") ");
        }

        s.Append(scope).Append(" - ").Append(t.Name).Append(": ");
        s.Append(finalNotice ? $"final result: {current}" : reminder ? $"still {current} (reminder)" : previous is null ? $"{current}" : $"{previous} -> {current}").Append(". ");
        var unit = t.IsRate ? "%" : t.Metric == MetricKind.PositionsOpened ? " positions" : " employers";
        s.Append("Actual ").Append(Wording.Number(a.Actual)).Append(unit);
        if (a.Numerator is not null && a.Denominator is not null)
        {
            s.Append(Invariant, $" ({a.Numerator}/{a.Denominator}");
            if (a.IsMeasured)
            {
                s.Append(Invariant, $", as of {a.AsOf:yyyy-MM-dd}{(a.IsFinal ? string.Empty : ", provisional")}");
            }

            s.Append(')');
        }

        s.Append(", target ").Append(Wording.Number(a.Threshold)).Append(unit);
        if (a.ExpectedByNow is not null && current is not (TargetStatus.Met or TargetStatus.Missed))
        {
            s.Append(", expected by now ").Append(Wording.Number(a.ExpectedByNow.Value)).Append(unit);
        }

        s.Append('.');
        if (a.Remaining is > 0 && a.DaysLeft is not null && current is not (TargetStatus.Met or TargetStatus.Missed))
        {
            var what = t.IsRate ? "graduates" : unit.Trim();
            s.Append(Invariant, $" {Wording.Number(a.Remaining.Value)} more {what} in {a.DaysLeft} days, about {Wording.Number(a.RequiredPerWeek ?? 0)} per week.");
        }

        if (a.Forecast is not null && current is TargetStatus.AtRisk or TargetStatus.OffTrack)
        {
            s.Append(Invariant, $" Forecast at {a.Deadline:yyyy-MM-dd}: {Wording.Number(a.Forecast.Value)} ({Wording.Number(a.ForecastLow ?? 0)}-{Wording.Number(a.ForecastHigh ?? 0)}).");
        }

        if (a.IsMeasured && !a.IsFinal)
        {
            s.Append(Invariant, $" Reports effective by {a.Deadline:yyyy-MM-dd} still count until the books close on {t.BooksCloseOn:yyyy-MM-dd}.");
        }

        if (a.IsMeasured && a.CurrentActual is { } today && (today != a.Actual || a.CurrentNumerator != a.Numerator))
        {
            s.Append(Invariant, $" (Today's rate {Wording.Number(today)}% ({a.CurrentNumerator}/{a.CurrentDenominator}), not the measured one.)");
        }

        if (lagging.Count > 0)
        {
            s.Append(" Lagging: ").Append(string.Join(", ", lagging.Select(u => u.UnitName))).Append('.');
        }

        return s.ToString();
    }
}
