using System.Text.Json;
using Monitor.Messages;
using Monitor.Worker.Institutions;
using Monitor.Worker.Settings;

namespace Monitor.Worker.Targets;

/// <summary>The targets this worker evaluates, loaded and validated once at start-up.</summary>
public sealed class TargetCatalog(IReadOnlyList<TargetDefinition> targets)
{
    public IReadOnlyList<TargetDefinition> All { get; } = targets;

    /// <summary>Every target moved to another year (the demo's baseline), labelled as such.</summary>
    public TargetCatalog ForYear(int year, string label) => new(All.Select(t => t.ForYear(year, label)).ToList());

    public IEnumerable<TargetDefinition> Select(string? institutionId, string? targetId) =>
        All.Where(t => (institutionId is null || t.InstitutionId == institutionId) && (targetId is null || t.Id == targetId));

    /// <summary>Reads the targets file and checks every target against the institutions; all problems are reported at once.</summary>
    public static TargetCatalog Load(string path, InstitutionCatalog institutions) => Check(path, Read(path), institutions);

    /// <summary>Reads and parses the targets file, which needs no institutions yet (so it can be read while they load).</summary>
    internal static TargetsFile? Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"Targets file not found: {path}. Set Monitor:TargetsFile to the file's path.");
        }

        try
        {
            return JsonSerializer.Deserialize<TargetsFile>(File.ReadAllText(path), SeedJson.Options);
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"{path}: not valid at {ex.Path} (line {ex.LineNumber + 1}): {ex.Message}");
        }
    }

    /// <summary>Checks every target of a file <see cref="Read"/> from <paramref name="path"/> against the institutions.</summary>
    internal static TargetCatalog Check(string path, TargetsFile? file, InstitutionCatalog institutions)
    {
        var errors = new List<string>();
        var defaults = Settings(file?.Defaults, AlertSettings.Default, "defaults", errors);
        var targets = new List<TargetDefinition>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var entries = file?.Targets ?? [];
        if (entries.Count == 0)
        {
            errors.Add("targets: at least one target is required");
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var target = Validate(entries[i], $"targets[{i}]", defaults, institutions, errors);
            if (target is null)
            {
                continue;
            }

            if (!ids.Add(target.Id))
            {
                errors.Add($"targets[{i}].id: '{target.Id}' appears twice");
                continue;
            }

            targets.Add(target);
        }

        return errors.Count > 0
            ? throw new ConfigurationException($"{path} has {errors.Count} error(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors))
            : new TargetCatalog(targets);
    }

    private static TargetDefinition? Validate(TargetEntry e, string at, AlertSettings defaults, InstitutionCatalog institutions, List<string> errors)
    {
        var before = errors.Count;
        Require(e.Id, $"{at}.id", errors);
        Require(e.Name, $"{at}.name", errors);
        var institution = institutions.Find(e.InstitutionId);
        if (institution is null)
        {
            errors.Add($"{at}.institutionId: '{e.InstitutionId}' is not a configured institution ({string.Join(", ", institutions.All.Select(x => x.Id))})");
        }

        if (e.Metric is null)
        {
            errors.Add($"{at}.metric: required ({string.Join(" | ", Enum.GetNames<MetricKind>())})");
        }
        else if (e.Metric == MetricKind.PlacementRate)
        {
            if (e.CohortYear is null)
            {
                errors.Add($"{at}.cohortYear: required for PlacementRate");
            }

            if (e.Tier is not null)
            {
                errors.Add($"{at}.tier: only for visit metrics");
            }

            if (e.Threshold is <= 0 or > 100)
            {
                errors.Add($"{at}.threshold: a rate in percent, above 0 and at most 100 (got {e.Threshold})");
            }

            if (e.UnitThresholds is { Count: > 0 })
            {
                errors.Add($"{at}.unitThresholds: only for counts; a rate target applies its threshold to every unit");
            }
        }
        else
        {
            if (e.Tier is null)
            {
                errors.Add($"{at}.tier: required for {e.Metric} (Leadership | Unit)");
            }

            if (e.CohortYear is not null || e.DisadvantagedOnly)
            {
                errors.Add($"{at}: cohortYear and disadvantagedOnly are only for PlacementRate");
            }

            if (e.Threshold is null or <= 0)
            {
                errors.Add($"{at}.threshold: a positive count is required (got {e.Threshold})");
            }

            if (e.PerUnit && e.Tier == VisitTier.Leadership)
            {
                errors.Add($"{at}.perUnit: leadership visits are not counted per unit");
            }
        }

        if (e.PeriodStart is null || e.Deadline is null)
        {
            errors.Add($"{at}: periodStart and deadline are required (yyyy-MM-dd)");
        }
        else if (e.PeriodStart > e.Deadline)
        {
            errors.Add($"{at}.periodStart: {e.PeriodStart:yyyy-MM-dd} is after the deadline {e.Deadline:yyyy-MM-dd}");
        }

        var curve = Pace(e, at, errors);

        if (institution is not null)
        {
            foreach (var (code, value) in e.UnitThresholds ?? [])
            {
                if (institution.FindUnit(code) is null)
                {
                    errors.Add($"{at}.unitThresholds.{code}: not a unit of {institution.Id} ({string.Join(", ", institution.Units.Select(u => u.Code))})");
                }
                else if (value <= 0)
                {
                    errors.Add($"{at}.unitThresholds.{code}: must be positive");
                }
            }

            if (e.PerUnit && institution.Units.Count == 0)
            {
                errors.Add($"{at}.perUnit: {institution.Id} has no units configured");
            }
        }

        if (e.ClosesAfterDays is not null && e.Metric != MetricKind.PlacementRate)
        {
            errors.Add($"{at}.closesAfterDays: only for PlacementRate (a rate measured on its deadline, whose books then close)");
        }
        else if (e.ClosesAfterDays is < 0 or > 366)
        {
            errors.Add($"{at}.closesAfterDays: {e.ClosesAfterDays} is not between 0 and 366 days");
        }

        var alerting = Settings(e.Alerting, defaults, $"{at}.alerting", errors);
        if (errors.Count > before)
        {
            return null;
        }

        return new TargetDefinition
        {
            Id = e.Id!,
            Name = e.Name!,
            InstitutionId = e.InstitutionId!,
            Metric = e.Metric!.Value,
            Tier = e.Tier,
            CohortYear = e.CohortYear,
            DisadvantagedOnly = e.DisadvantagedOnly,
            Threshold = e.Threshold!.Value,
            PeriodStart = e.PeriodStart!.Value,
            Deadline = e.Deadline!.Value,
            Pace = curve,
            PerUnit = e.PerUnit,
            UnitThresholds = e.UnitThresholds ?? [],
            Alerting = alerting,
            Text = e.Text,
            ClosesAfterDays = e.ClosesAfterDays ?? TargetDefinition.DefaultClosesAfterDays,
        };
    }

    /// <summary>
    /// The pace: Linear; Milestones (values by dates); Seasonal (monthWeights: 12 relative activities, January first;
    /// holidays: periods whose days weigh a share of their month's); Learned (last year's shape when the store has it,
    /// else its seasonal weights).
    /// </summary>
    private static PaceCurve Pace(TargetEntry e, string at, List<string> errors)
    {
        var kindText = e.Pace?.Kind ?? "Linear";
        if (!Enum.TryParse<PaceKind>(kindText, ignoreCase: true, out var kind) || int.TryParse(kindText, out _))
        {
            errors.Add($"{at}.pace.kind: '{kindText}' is not {string.Join(", ", Enum.GetNames<PaceKind>())}");
            return PaceCurve.Linear;
        }

        var milestones = new List<Milestone>();
        var list = e.Pace?.Milestones ?? [];
        if (kind == PaceKind.Milestones && list.Count == 0)
        {
            errors.Add($"{at}.pace.milestones: at least one milestone is required for a Milestones pace");
        }
        else if (kind != PaceKind.Milestones && list.Count > 0)
        {
            errors.Add($"{at}.pace.milestones: only for a Milestones pace");
        }

        for (var m = 0; m < list.Count; m++)
        {
            var point = list[m];
            if (point.On is null || point.Expected is null)
            {
                errors.Add($"{at}.pace.milestones[{m}]: 'on' and 'expected' are required");
                continue;
            }

            if (e.PeriodStart is not null && e.Deadline is not null && (point.On < e.PeriodStart || point.On > e.Deadline))
            {
                errors.Add($"{at}.pace.milestones[{m}].on: {point.On:yyyy-MM-dd} is outside the period {e.PeriodStart:yyyy-MM-dd}..{e.Deadline:yyyy-MM-dd}");
            }

            if (milestones.Count > 0 && (point.On <= milestones[^1].On || point.Expected < milestones[^1].Expected))
            {
                errors.Add($"{at}.pace.milestones[{m}]: milestones must be in date order with values that do not fall");
            }

            if (point.Expected > e.Threshold)
            {
                errors.Add($"{at}.pace.milestones[{m}].expected: {point.Expected} is above the threshold {e.Threshold}");
            }

            milestones.Add(new Milestone(point.On.Value, point.Expected.Value));
        }

        var weights = e.Pace?.MonthWeights ?? [];
        var seasonal = kind is PaceKind.Seasonal or PaceKind.Learned;
        if (seasonal && (weights.Count != 12 || weights.Any(w => w < 0) || weights.Sum() <= 0))
        {
            errors.Add($"{at}.pace.monthWeights: a {kind} pace needs 12 relative activities, January first, none negative and not all 0 (e.g. [4, 2, 10, 12, 12, 10, 4, 3, 10, 9, 12, 9])");
        }
        else if (!seasonal && weights.Count > 0)
        {
            errors.Add($"{at}.pace.monthWeights: only for a Seasonal or Learned pace");
        }

        var holidays = new List<Holiday>();
        var holidayEntries = e.Pace?.Holidays ?? [];
        for (var h = 0; h < holidayEntries.Count; h++)
        {
            var holiday = holidayEntries[h];
            if (!seasonal)
            {
                errors.Add($"{at}.pace.holidays: only for a Seasonal or Learned pace");
                break;
            }

            if (holiday.From is null || holiday.To is null || holiday.From > holiday.To)
            {
                errors.Add($"{at}.pace.holidays[{h}]: 'from' and 'to' are required, from on or before to (yyyy-MM-dd)");
                continue;
            }

            if (holiday.Weight is < 0 or > 1)
            {
                errors.Add($"{at}.pace.holidays[{h}].weight: {holiday.Weight} is not between 0 (closed) and 1 (an ordinary day)");
                continue;
            }

            holidays.Add(new Holiday(holiday.From.Value, holiday.To.Value, holiday.Weight ?? 0m, holiday.Name));
        }

        if (e.Pace?.LearnFromAtLeast is not null && kind != PaceKind.Learned)
        {
            errors.Add($"{at}.pace.learnFromAtLeast: only for a Learned pace");
        }
        else if (e.Pace?.LearnFromAtLeast is < 1)
        {
            errors.Add($"{at}.pace.learnFromAtLeast: at least 1");
        }

        return new PaceCurve
        {
            Kind = kind,
            Milestones = milestones,
            MilestonesOf = kind == PaceKind.Milestones ? e.Threshold : null,
            MonthWeights = seasonal && weights.Count == 12 ? weights : [],
            Holidays = holidays,
            LearnFromAtLeast = e.Pace?.LearnFromAtLeast ?? 20,
        };
    }

    private static AlertSettings Settings(AlertEntry? e, AlertSettings fallback, string at, List<string> errors)
    {
        if (e is null)
        {
            return fallback;
        }

        var settings = new AlertSettings(
            e.TolerancePercent ?? fallback.TolerancePercent,
            e.TolerancePoints ?? fallback.TolerancePoints,
            e.RecoveryMarginPercent ?? fallback.RecoveryMarginPercent,
            e.RecoveryMarginPoints ?? fallback.RecoveryMarginPoints,
            e.MinimumDwell ?? fallback.MinimumDwell,
            e.RemindEvery ?? fallback.RemindEvery,
            e.NoDataAfterDays ?? fallback.NoDataAfterDays,
            e.MinimumGroupSize ?? fallback.MinimumGroupSize,
            e.ForecastWindowDays ?? fallback.ForecastWindowDays,
            e.JudgeAfterDays ?? fallback.JudgeAfterDays,
            e.JudgeFromOwed ?? fallback.JudgeFromOwed,
            e.RecoveryDwell ?? fallback.RecoveryDwell,
            e.RemindUnits ?? fallback.RemindUnits);
        if (e.GroupUnitsAtLeast is not null)
        {
            errors.Add($"{at}.groupUnitsAtLeast: alerts are no longer grouped on the bus; several units' changes are grouped where they are posted for people (Monitor:Notifications). Remove this setting");
        }

        if (settings.TolerancePercent is < 0 or >= 100 || settings.TolerancePoints is < 0 or >= 100)
        {
            errors.Add($"{at}.tolerance: between 0 and 100");
        }

        if (settings.RecoveryMarginPercent < 0 || settings.RecoveryMarginPoints < 0)
        {
            errors.Add($"{at}.recoveryMargin: must not be negative");
        }

        if (settings.MinimumDwell < TimeSpan.Zero || settings.RemindEvery < TimeSpan.Zero || settings.RecoveryDwell < TimeSpan.Zero)
        {
            errors.Add($"{at}: minimumDwell, recoveryDwell and remindEvery must not be negative (\"00:00:00\" turns them off)");
        }

        if (settings.NoDataAfterDays < 1 || settings.ForecastWindowDays < 1 || settings.MinimumGroupSize < 0 || settings.JudgeAfterDays < 0 || settings.JudgeFromOwed < 0)
        {
            errors.Add($"{at}: noDataAfterDays and forecastWindowDays must be at least 1; minimumGroupSize, judgeAfterDays and judgeFromOwed not negative");
        }

        return settings;
    }

    private static void Require(string? value, string at, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{at}: required");
        }
    }

    internal sealed record TargetsFile(string? Source, string? PaceSource, AlertEntry? Defaults, List<TargetEntry>? Targets);

    internal sealed record TargetEntry(
        string? Id,
        string? Name,
        string? InstitutionId,
        MetricKind? Metric,
        VisitTier? Tier,
        int? CohortYear,
        bool DisadvantagedOnly,
        decimal? Threshold,
        DateOnly? PeriodStart,
        DateOnly? Deadline,
        PaceEntry? Pace,
        bool PerUnit,
        Dictionary<string, decimal>? UnitThresholds,
        AlertEntry? Alerting,
        string? Text,
        int? ClosesAfterDays);

    internal sealed record PaceEntry(string? Kind, List<MilestoneEntry>? Milestones, List<decimal>? MonthWeights, List<HolidayEntry>? Holidays, int? LearnFromAtLeast);

    internal sealed record HolidayEntry(DateOnly? From, DateOnly? To, decimal? Weight, string? Name);

    internal sealed record MilestoneEntry(DateOnly? On, decimal? Expected);

    internal sealed record AlertEntry(
        decimal? TolerancePercent,
        decimal? TolerancePoints,
        decimal? RecoveryMarginPercent,
        decimal? RecoveryMarginPoints,
        TimeSpan? MinimumDwell,
        TimeSpan? RemindEvery,
        int? NoDataAfterDays,
        int? MinimumGroupSize,
        int? ForecastWindowDays,
        int? GroupUnitsAtLeast,
        int? JudgeAfterDays,
        int? JudgeFromOwed,
        TimeSpan? RecoveryDwell,
        bool? RemindUnits);
}
