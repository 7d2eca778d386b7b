using Monitor.Worker.Alerts;

namespace Monitor.Worker.Web;

/// <summary>
/// The page's own words, Chinese by default and English with <c>Monitor:Language=en</c>. Status and severity names
/// are not here: the API gives them from <see cref="Wording"/>, as every other text of Monitor writes them.
/// </summary>
public static class DashboardText
{
    public static IReadOnlyDictionary<string, string> For(string language) => Wording.IsEnglish(language) ? English : Chinese;

    /// <summary>The label of a rate's measured figure: provisional until its books close, then final.</summary>
    public static string MeasuredLabel(bool isFinal, string language) =>
        Wording.IsEnglish(language) ? isFinal ? "final" : "provisional" : isFinal ? "最终" : "暂定";

    private static readonly Dictionary<string, string> Chinese = new(StringComparer.Ordinal)
    {
        ["title"] = "就业工作目标进度",
        ["province"] = "各院校排名",
        ["targets"] = "目标",
        ["actual"] = "实际",
        ["expected"] = "按进度应达",
        ["threshold"] = "目标值",
        ["forecast"] = "预测",
        ["forecastRange"] = "预测区间",
        ["pace"] = "进度线",
        ["deadline"] = "截止",
        ["measured"] = "统计日数据",
        ["today"] = "今日",
        ["units"] = "各单位（按滞后程度排序）",
        ["unitsHint"] = "条形为完成本单位目标的百分比，点击查看该单位",
        ["back"] = "返回",
        ["overview"] = "总览",
        ["alerts"] = "预警记录",
        ["noAlerts"] = "暂无预警",
        ["silences"] = "生效中的静默",
        ["noSilences"] = "无",
        ["silencedUntil"] = "静默至",
        ["sentTo"] = "已发送",
        ["pending"] = "待发送",
        ["notSent"] = "未发送",
        ["noRobot"] = "未配置机器人",
        ["reminder"] = "提醒",
        ["finalNotice"] = "最终结果",
        ["rank"] = "名次",
        ["noData"] = "暂无数据",
        ["updated"] = "更新于",
        ["error"] = "数据加载失败",
    };

    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        ["title"] = "Employment targets",
        ["province"] = "Institutions ranked",
        ["targets"] = "Targets",
        ["actual"] = "Actual",
        ["expected"] = "Expected by now",
        ["threshold"] = "Target",
        ["forecast"] = "Forecast",
        ["forecastRange"] = "Forecast range",
        ["pace"] = "Pace",
        ["deadline"] = "deadline",
        ["measured"] = "Measured",
        ["today"] = "Today",
        ["units"] = "Units (most behind first)",
        ["unitsHint"] = "Bars show each unit's share of its own target; tap one for its chart",
        ["back"] = "Back",
        ["overview"] = "Overview",
        ["alerts"] = "Alerts",
        ["noAlerts"] = "No alerts",
        ["silences"] = "Silences in force",
        ["noSilences"] = "None",
        ["silencedUntil"] = "silenced until",
        ["sentTo"] = "sent",
        ["pending"] = "waiting",
        ["notSent"] = "not sent",
        ["noRobot"] = "no robot configured",
        ["reminder"] = "reminder",
        ["finalNotice"] = "final result",
        ["rank"] = "Rank",
        ["noData"] = "No figures yet",
        ["updated"] = "updated",
        ["error"] = "The figures could not be loaded",
    };
}
