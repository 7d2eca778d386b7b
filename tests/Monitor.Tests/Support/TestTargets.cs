using Monitor.Messages;
using Monitor.Worker.Targets;

namespace Monitor.Tests.Support;

/// <summary>The report's targets built in code, so each spec states the one setting it varies.</summary>
internal static class TestTargets
{
    public static readonly DateOnly YearStart = new(2024, 1, 1);
    public static readonly DateOnly YearEnd = new(2024, 12, 31);

    /// <summary>学院领导班子走访用人单位 ≥ 100 in 2024, linear pace.</summary>
    public static TargetDefinition LeadershipVisits(AlertSettings? alerting = null) => new()
    {
        Id = "leadership-visits-2024",
        Name = "学院领导班子走访用人单位",
        InstitutionId = "tjqg",
        Metric = MetricKind.DistinctEmployersVisited,
        Tier = VisitTier.Leadership,
        Threshold = 100,
        PeriodStart = YearStart,
        Deadline = YearEnd,
        Pace = PaceCurve.Linear,
        Alerting = alerting ?? AlertSettings.Default,
    };

    /// <summary>二级学院和职能部门领导走访用人单位 ≥ 200 in 2024, also per unit.</summary>
    public static TargetDefinition UnitVisits() => LeadershipVisits() with
    {
        Id = "unit-visits-2024",
        Name = "二级学院和职能部门领导走访用人单位",
        Tier = VisitTier.Unit,
        Threshold = 200,
        PerUnit = true,
    };

    /// <summary>2024 届毕业去向落实率 ≥ 95 % measured on 31 August, milestones 70/85/92/95.</summary>
    public static TargetDefinition Placement(bool disadvantagedOnly = false) => new()
    {
        Id = "placement-2024",
        Name = "2024 届高职毕业生毕业去向落实率",
        InstitutionId = "tjqg",
        Metric = MetricKind.PlacementRate,
        CohortYear = 2024,
        DisadvantagedOnly = disadvantagedOnly,
        Threshold = 95,
        PeriodStart = new DateOnly(2024, 3, 1),
        Deadline = new DateOnly(2024, 8, 31),
        Pace = new PaceCurve(
        [
            new Milestone(new DateOnly(2024, 5, 31), 70m),
            new Milestone(new DateOnly(2024, 6, 30), 85m),
            new Milestone(new DateOnly(2024, 7, 31), 92m),
            new Milestone(new DateOnly(2024, 8, 31), 95m),
        ]),
        PerUnit = true,
        Alerting = AlertSettings.Default,
    };
}
