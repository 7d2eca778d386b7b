using System.Globalization;
using System.Text;
using Monitor.Messages;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Alerts;

/// <summary>
/// The daily digest (每日简报): every target and scope with its status and value now and a day earlier. Yesterday's
/// figures come from the same facts as of yesterday; yesterday's status is the one announced then (like with like:
/// the announced status now against the announced status at the end of yesterday). Its summary folds each target's
/// units into the target's sentence, says how long a bad status has lasted (the digest is where persisting statuses are
/// seen, since reminders are rare), and names the silences in force. Pure.
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
    /// <param name="statusSince">The local date each scope's announced status began (null when unknown).</param>
    /// <param name="silences">The silences in force, each as one line (<see cref="SilenceText.Line"/>).</param>
    public static DailyDigest Build(
        string institutionId,
        string institutionName,
        IReadOnlyList<ScopeEvaluation> evaluations,
        Func<ScopeEvaluation, TargetStatus?> announcedYesterday,
        DateOnly today,
        DateTimeOffset now,
        string language,
        Func<ScopeEvaluation, DateOnly?>? statusSince = null,
        IReadOnlyList<string>? silences = null)
    {
        var yesterday = today.AddDays(-1);
        var mine = evaluations.Where(e => e.InstitutionId == institutionId).ToList();
        var lines = mine
            .Select(e =>
            {
                var threshold = e.Assessment.Threshold;
                var before = TargetEngine.Assess(e.Target, threshold, e.Measurement, yesterday);
                return new DigestLine(
                    e.Target.Id, e.Target.Name, e.UnitCode, e.AnnouncedStatus, announcedYesterday(e), e.Assessment.Actual, before.Actual, e.Assessment.ExpectedByNow, threshold);
            })
            .ToList();

        // How many days each bad status has lasted, by line (0 when it began today or is not bad).
        var persisting = mine.Select(e =>
            e.AnnouncedStatus is TargetStatus.AtRisk or TargetStatus.OffTrack or TargetStatus.NoData && statusSince?.Invoke(e) is { } since
                ? Math.Max(0, today.DayNumber - since.DayNumber)
                : 0).ToList();
        var scopeNames = mine.Select(e => e.ScopeName).ToList();
        var english = Wording.IsEnglish(language);
        var summary = Summary(institutionName, today, lines, persisting, scopeNames, silences ?? [], english);
        return new DailyDigest(AlertIds.ForDigest(institutionId, today), institutionId, today, lines, summary, now);
    }

    private static string Summary(string institution, DateOnly today, List<DigestLine> lines, List<int> persisting, List<string> scopeNames, IReadOnlyList<string> silences, bool english)
    {
        var s = new StringBuilder();
        var indexed = lines.Select((line, i) => (Line: line, Days: persisting[i], Scope: scopeNames[i])).ToList();
        var whole = indexed.Where(l => l.Line.UnitCode is null).ToList();
        string Units(string targetId, string separator, Func<DigestLine, int, string, string> describe) => string.Join(
            separator,
            indexed.Where(l => l.Line.TargetId == targetId && l.Line.UnitCode is not null && IsBehind(l.Line.Status))
                .OrderBy(l => Badness(l.Line.Status))
                .Select(l => describe(l.Line, l.Days, l.Scope)));
        if (english)
        {
            s.Append(CultureInfo.InvariantCulture, $"Daily digest, {institution}, {today:yyyy-MM-dd}: ");
            s.Append(string.Join("; ", whole.Select(w =>
            {
                var l = w.Line;
                var item = $"{l.TargetName}: {Wording.PlainNumber(l.Actual)} (yesterday {Wording.PlainNumber(l.ActualYesterday ?? 0)}, expected {(l.ExpectedByNow is { } e ? Wording.PlainNumber(e) : "-")}, target {Wording.PlainNumber(l.Threshold)}) {l.Status}";
                item += w.Days > 0 ? $" for {w.Days} days" : "";
                var units = Units(l.TargetId, ", ", (u, days, scope) => $"{scope} {u.Status}{(days > 0 ? $" for {days} days" : "")}");
                return units.Length > 0 ? $"{item}, units behind: {units}" : item;
            })));
            s.Append('.');
            if (silences.Count > 0)
            {
                s.Append(" Silenced: ").Append(string.Join("; ", silences)).Append('.');
            }

            return s.ToString();
        }

        s.Append("【每日简报】").Append(institution).Append(' ').Append(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('：');
        var counts = whole.GroupBy(l => l.Line.Status).OrderBy(g => g.Key).Select(g => $"{Wording.ChineseStatus(g.Key)} {g.Count()} 项");
        s.Append(whole.Count).Append(" 项目标，").Append(string.Join("，", counts)).Append('。');
        var items = whole.Select(w =>
        {
            var l = w.Line;
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

            if (w.Days > 0)
            {
                item.Append("，已持续 ").Append(w.Days).Append(" 天");
            }

            var units = Units(l.TargetId, "、", (u, days, scope) => $"{scope} {Wording.ChineseStatus(u.Status)}{(days > 0 ? $"（已持续 {days} 天）" : "")}");
            if (units.Length > 0)
            {
                item.Append("，滞后单位：").Append(units);
            }

            return item.ToString();
        });
        s.Append(string.Join("；", items)).Append('。');
        if (silences.Count > 0)
        {
            s.Append("静默中：").Append(string.Join("；", silences)).Append('。');
        }

        return s.ToString();
    }

    private static bool IsBehind(TargetStatus status) => status is TargetStatus.AtRisk or TargetStatus.OffTrack or TargetStatus.Missed or TargetStatus.NoData;

    private static int Badness(TargetStatus status) => status switch
    {
        TargetStatus.Missed => 0,
        TargetStatus.OffTrack => 1,
        TargetStatus.AtRisk => 2,
        _ => 3,
    };
}
