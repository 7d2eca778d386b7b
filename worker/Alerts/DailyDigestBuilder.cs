using System.Globalization;
using System.Text;
using Monitor.Messages;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Alerts;

/// <summary>
/// The daily digest (每日简报): every target and scope with its status and value now and a day earlier. Yesterday's
/// figures come from the same facts as of yesterday; yesterday's status is the one announced then (like with like:
/// the announced status now against the announced status at the end of yesterday). Pure.
/// </summary>
public static class DailyDigestBuilder
{
    /// <param name="institutionId">The institution.</param>
    /// <param name="institutionName">Its short name.</param>
    /// <param name="evaluations">This morning's evaluation of every target and scope.</param>
    /// <param name="announcedYesterday">The status each scope had announced at the end of yesterday (null when unknown).</param>
    /// <param name="today">The digest's local date.</param>
    /// <param name="now">When it is made.</param>
    /// <param name="language">zh-CN or en.</param>
    public static DailyDigest Build(
        string institutionId,
        string institutionName,
        IReadOnlyList<ScopeEvaluation> evaluations,
        Func<ScopeEvaluation, TargetStatus?> announcedYesterday,
        DateOnly today,
        DateTimeOffset now,
        string language)
    {
        var yesterday = today.AddDays(-1);
        var lines = evaluations
            .Where(e => e.InstitutionId == institutionId)
            .Select(e =>
            {
                var threshold = e.Assessment.Threshold;
                var before = TargetEngine.Assess(e.Target, threshold, e.Measurement, yesterday);
                return new DigestLine(
                    e.Target.Id, e.Target.Name, e.UnitCode, e.AnnouncedStatus, announcedYesterday(e), e.Assessment.Actual, before.Actual, e.Assessment.ExpectedByNow, threshold);
            })
            .ToList();
        var english = Wording.IsEnglish(language);
        return new DailyDigest(AlertIds.ForDigest(institutionId, today), institutionId, today, lines, Summary(institutionName, today, lines, english), now);
    }

    private static string Summary(string institution, DateOnly today, List<DigestLine> lines, bool english)
    {
        var whole = lines.Where(l => l.UnitCode is null).ToList();
        var s = new StringBuilder();
        if (english)
        {
            s.Append(CultureInfo.InvariantCulture, $"Daily digest, {institution}, {today:yyyy-MM-dd}: ");
            s.Append(string.Join("; ", whole.Select(l => $"{l.TargetName}: {Wording.PlainNumber(l.Actual)} (yesterday {Wording.PlainNumber(l.ActualYesterday ?? 0)}, expected {(l.ExpectedByNow is { } e ? Wording.PlainNumber(e) : "-")}, target {Wording.PlainNumber(l.Threshold)}) {l.Status}")));
            return s.Append('.').ToString();
        }

        s.Append("【每日简报】").Append(institution).Append(' ').Append(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('：');
        var counts = whole.GroupBy(l => l.Status).OrderBy(g => g.Key).Select(g => $"{Wording.ChineseStatus(g.Key)} {g.Count()} 项");
        s.Append(whole.Count).Append(" 项目标，").Append(string.Join("，", counts)).Append('。');
        var items = whole.Select(l =>
        {
            var item = new StringBuilder().Append(l.TargetName).Append(' ').Append(Wording.PlainNumber(l.Actual));
            if (l.ActualYesterday is { } before && before != l.Actual)
            {
                item.Append("（昨日 ").Append(Wording.PlainNumber(before)).Append('）');
            }

            if (l.ExpectedByNow is { } expected)
            {
                item.Append("，应达 ").Append(Wording.PlainNumber(expected));
            }

            item.Append("，目标 ").Append(Wording.PlainNumber(l.Threshold)).Append('，').Append(Wording.ChineseStatus(l.Status));
            if (l.PreviousStatus is { } previous && previous != l.Status)
            {
                item.Append("（昨日").Append(Wording.ChineseStatus(previous)).Append('）');
            }

            return item.ToString();
        });
        s.Append(string.Join("；", items)).Append('。');
        var laggingUnits = lines.Count(l => l.UnitCode is not null && l.Status is TargetStatus.AtRisk or TargetStatus.OffTrack or TargetStatus.Missed);
        if (laggingUnits > 0)
        {
            s.Append("另有 ").Append(laggingUnits).Append(" 个单位指标滞后。");
        }

        return s.ToString();
    }

}
