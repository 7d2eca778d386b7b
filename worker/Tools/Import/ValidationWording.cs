using System.Text.RegularExpressions;

namespace Monitor.Worker.Tools.Import;

/// <summary>
/// The consumers' validation speaks English (its reasons also go out in <c>EventRejected</c>, where English is the
/// contract); an import in Chinese reports the same reasons in Chinese. Each known reason is matched whole and
/// rewritten with its values kept; a reason not known here is reported as it is, so nothing is lost.
/// </summary>
public static class ValidationWording
{
    private static readonly (Regex Pattern, string Chinese)[] Reasons =
    [
        (Exact("required"), "必填"),
        (Exact("required (yyyy-MM-dd)"), "必填（yyyy-MM-dd）"),
        (Exact("required (an ISO 8601 timestamp with offset)"), "必填（带时区偏移的 ISO 8601 时间）"),
        (Exact("required (the graduate's secondary college)"), "必填（该毕业生所在的二级学院）"),
        (Exact("required for a Unit visit (the secondary college or department that made it)"), "二级学院走访必填（进行走访的二级学院或部门）"),
        (new Regex(@"^(?<n>[\d,]+) characters, over the limit of (?<m>[\d,]+) \((?<q>.*)\)$"), "${n} 个字符，超过上限 ${m} 个（${q}）"),
        (new Regex(@"^contains (?<u>U\+[0-9A-F]{4}) \((?<d>.*?)\) at position (?<p>\d+), which is refused \((?<q>.*)\)$"), "第 ${p} 个字符是 ${u}（${d}），不允许（${q}）"),
        (new Regex(@"^(?<d>\S+) is before (?<y>\d{4})$"), "${d} 早于 ${y} 年"),
        (new Regex(@"^'(?<v>.*)' is not a configured institution$"), "「${v}」不是已配置的院校"),
        (new Regex(@"^'(?<v>.*)' is not a unit of (?<i>\S+) \((?<units>.*)\)$"), "「${v}」不是 ${i} 的单位（${units}）"),
        (new Regex(@"^'(?<v>.*)' must have 18 characters, has (?<n>\d+)$"), "「${v}」应有 18 个字符，实有 ${n} 个"),
        (new Regex(@"^'(?<v>.*)' character (?<n>\d+) '(?<c>.)' is not allowed \(digits and capital letters except I, O, S, V, Z\)$"), "「${v}」的第 ${n} 个字符「${c}」不允许（只能是数字和除 I、O、S、V、Z 以外的大写字母）"),
        (new Regex(@"^'(?<v>.*)' check character is '(?<c>.)', expected '(?<e>.)' \(GB 32100-2015\)$"), "「${v}」的校验位是「${c}」，应为「${e}」（GB 32100-2015）"),
        (new Regex(@"^(?<d>\S+) is in the future \(today is (?<t>\S+) in (?<z>\S+)\)$"), "${d} 是未来的日期（${z} 今天是 ${t}）"),
        (new Regex(@"^(?<d>\S+) is in the future$"), "${d} 是未来的时间"),
        (new Regex(@"^(?<d>\S+) is before the (?<y>\d+) cohort's final year$"), "${d} 早于 ${y} 届的毕业学年"),
        (new Regex(@"^(?<n>-?\d+) is not between (?<a>-?\d+) and (?<b>-?\d+)$"), "${n} 不在 ${a} 到 ${b} 之间"),
        (new Regex(@"^(?<n>-?\d+) is not a cohort year between (?<a>\d+) and (?<b>\d+)$"), "${n} 不是 ${a} 到 ${b} 之间的届别"),
        (new Regex(@"^'(?<v>.*)' is not Leadership or Unit$"), "「${v}」不是 Leadership 或 Unit"),
        (new Regex(@"^'(?<v>.*)' is not Outgoing or Incoming$"), "「${v}」不是 Outgoing 或 Incoming"),
        (new Regex(@"^'(?<v>.*)' is not one of (?<list>.*)$"), "「${v}」不是其中之一：${list}"),
        (new Regex(@"^'(?<v>.*)' is not a destination value \((?<list>.*)\)$"), "「${v}」不是毕业去向的值（${list}）"),
    ];

    /// <summary>The reason in Chinese, or as given when it is not one the validation is known to write.</summary>
    public static string Chinese(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        foreach (var (pattern, chinese) in Reasons)
        {
            var match = pattern.Match(reason);
            if (match.Success)
            {
                return match.Result(chinese);
            }
        }

        return reason;
    }

    private static Regex Exact(string text) => new("^" + Regex.Escape(text) + "$");
}
