using Monitor.Messages;
using Monitor.Worker.Alerts;

namespace Monitor.Tests.Support;

/// <summary>Alerts of 天津轻工职院 as the evaluation writes them, each naming only what a spec varies.</summary>
internal static class TestAlerts
{
    public static readonly DateTimeOffset EvaluatedAt = new(2024, 9, 30, 0, 35, 0, TimeSpan.Zero);

    /// <summary>An alert of 二级学院和职能部门领导走访用人单位 in a unit (or the institution, null) with its own figures.</summary>
    public static TargetStatusChanged UnitVisits(string? unitCode, TargetStatus? previous, TargetStatus current, AlertSeverity severity, decimal actual, decimal? expected, decimal threshold, DateTimeOffset? at = null, int transition = 1) => new(
        AlertIds.For("unit-visits-2024", unitCode is null ? "tjqg" : $"tjqg/{unitCode}", transition, 0),
        "unit-visits-2024",
        "二级学院和职能部门领导走访用人单位",
        "tjqg",
        unitCode,
        previous,
        current,
        severity,
        actual,
        null,
        null,
        threshold,
        expected,
        null,
        null,
        92,
        new DateOnly(2024, 12, 31),
        [],
        $"【{Wording.ChineseSeverity(severity)}】{unitCode ?? "天津轻工职院"}「二级学院和职能部门领导走访用人单位」{Wording.ChineseStatus(current)}。",
        at ?? EvaluatedAt,
        false);

    /// <summary>An alert of 2024 届高职毕业生毕业去向落实率 in a unit (or the institution, null).</summary>
    public static TargetStatusChanged Placement(string? unitCode, TargetStatus? previous, TargetStatus current, AlertSeverity severity, int placed, int graduates, decimal? expected, DateTimeOffset? at = null) => new(
        AlertIds.For("placement-2024", unitCode is null ? "tjqg" : $"tjqg/{unitCode}", 1, 0),
        "placement-2024",
        "2024 届高职毕业生毕业去向落实率",
        "tjqg",
        unitCode,
        previous,
        current,
        severity,
        Math.Round(100m * placed / graduates, 2),
        placed,
        graduates,
        95m,
        expected,
        null,
        null,
        62,
        new DateOnly(2024, 8, 31),
        [],
        "…",
        at ?? new DateTimeOffset(2024, 6, 30, 1, 0, 0, TimeSpan.Zero),
        false);
}
