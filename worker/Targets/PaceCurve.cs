namespace Monitor.Worker.Targets;

/// <summary>
/// Expected-by-now, as the share of the threshold expected by the end of a day. A college's year is not linear: visits
/// bunch in the spring and autumn terms and stop over the Spring Festival and the summer; placement reports rise from
/// about a third of a cohort at the end of April to above 90 % by the end of August. So a pace is one of:
/// <list type="bullet">
/// <item><b>Linear</b>: the threshold spread evenly over the period (available, not a sensible default for visits);</item>
/// <item><b>Milestones</b>: values expected on given dates, straight lines between them, from zero at the start;</item>
/// <item><b>Seasonal</b>: relative activity per month, with holiday periods that weigh nothing (or a share), so the line
/// stays flat while the college is closed and climbs in the busy terms;</item>
/// <item><b>Learned</b>: the shape of last year's curve for the same target, scaled to this year's threshold, when the
/// store holds enough of last year's events (the evaluation supplies it); until then its seasonal weights.</item>
/// </list>
/// </summary>
public sealed record PaceCurve
{
    public static readonly PaceCurve Linear = new();

    public PaceKind Kind { get; init; } = PaceKind.Linear;

    /// <summary>Milestones: values expected by dates, in date order.</summary>
    public IReadOnlyList<Milestone> Milestones { get; init; } = [];

    /// <summary>Seasonal and Learned (its fallback): relative activity of each month, January first (12 values).</summary>
    public IReadOnlyList<decimal> MonthWeights { get; init; } = [];

    /// <summary>Seasonal and Learned: periods whose days weigh <see cref="Holiday.Weight"/> of their month's.</summary>
    public IReadOnlyList<Holiday> Holidays { get; init; } = [];

    /// <summary>Milestones: the value the milestones are shares of (the target's threshold); by default the last milestone's.</summary>
    public decimal? MilestonesOf { get; init; }

    /// <summary>Learned: the least last year must have reached (employers or graduates) before its shape is used.</summary>
    public int LearnFromAtLeast { get; init; } = 20;

    public PaceCurve(IReadOnlyList<Milestone> milestones)
    {
        Kind = milestones.Count == 0 ? PaceKind.Linear : PaceKind.Milestones;
        Milestones = milestones;
    }

    public PaceCurve()
    {
    }

    public bool IsLinear => Kind == PaceKind.Linear;

    /// <summary>The value expected at the end of <paramref name="day"/>.</summary>
    public decimal ExpectedOn(DateOnly day, DateOnly periodStart, DateOnly deadline, decimal threshold) =>
        Kind == PaceKind.Milestones ? MilestoneValue(day, periodStart) : threshold * Share(day, periodStart, deadline);

    /// <summary>The share of the period's work (0 to 1) expected by the end of <paramref name="day"/>.</summary>
    public decimal Share(DateOnly day, DateOnly periodStart, DateOnly deadline)
    {
        if (day < periodStart)
        {
            return 0m;
        }

        if (day >= deadline)
        {
            return 1m;
        }

        switch (Kind)
        {
            case PaceKind.Milestones:
                var whole = MilestonesOf ?? (Milestones.Count == 0 ? 0m : Milestones[^1].Expected);
                return whole == 0 ? 0m : Math.Min(1m, MilestoneValue(day, periodStart) / whole);
            case PaceKind.Seasonal or PaceKind.Learned when MonthWeights.Count == 12:
                var total = WeightBetween(periodStart, deadline);
                return total == 0 ? 0m : WeightBetween(periodStart, day) / total;
            default:
                return (decimal)(day.DayNumber - periodStart.DayNumber + 1) / (deadline.DayNumber - periodStart.DayNumber + 1);
        }
    }

    /// <summary>The weight of one day: its month's activity spread over the month's days, times a holiday's share.</summary>
    public decimal WeightOn(DateOnly day)
    {
        if (Kind is not (PaceKind.Seasonal or PaceKind.Learned) || MonthWeights.Count != 12)
        {
            return 1m;
        }

        var weight = MonthWeights[day.Month - 1] / DateTime.DaysInMonth(day.Year, day.Month);
        foreach (var holiday in Holidays)
        {
            if (holiday.Contains(day))
            {
                weight *= holiday.Weight;
            }
        }

        return weight;
    }

    public PaceCurve ShiftYears(int years) => this with
    {
        Milestones = [.. Milestones.Select(m => m with { On = m.On.AddYears(years) })],
        Holidays = [.. Holidays.Select(h => h.ShiftYears(years))],
    };

    private decimal WeightBetween(DateOnly first, DateOnly last)
    {
        var sum = 0m;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            sum += WeightOn(day);
        }

        return sum;
    }

    private decimal MilestoneValue(DateOnly day, DateOnly periodStart)
    {
        if (day < periodStart)
        {
            return 0m;
        }

        var previous = new Milestone(periodStart.AddDays(-1), 0m);
        foreach (var point in Milestones)
        {
            if (day <= point.On)
            {
                var span = point.On.DayNumber - previous.On.DayNumber;
                var done = day.DayNumber - previous.On.DayNumber;
                return previous.Expected + ((point.Expected - previous.Expected) * done / span);
            }

            previous = point;
        }

        return previous.Expected;
    }
}

/// <summary>How a target's pace is given.</summary>
public enum PaceKind
{
    Linear,
    Milestones,
    Seasonal,
    Learned,
}

/// <summary>A value expected by a date.</summary>
public sealed record Milestone(DateOnly On, decimal Expected);

/// <summary>A holiday period (inclusive) whose days weigh <paramref name="Weight"/> of an ordinary day of their month.</summary>
public sealed record Holiday(DateOnly From, DateOnly To, decimal Weight, string? Name = null)
{
    public bool Contains(DateOnly day) => day >= From && day <= To;

    public Holiday ShiftYears(int years) => this with { From = From.AddYears(years), To = To.AddYears(years) };
}
