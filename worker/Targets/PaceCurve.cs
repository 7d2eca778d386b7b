namespace Monitor.Worker.Targets;

/// <summary>
/// Expected-by-now. Linear: the threshold spread evenly over the period. Milestones: values expected on given dates,
/// straight lines between them, from zero at the period's start.
/// </summary>
public sealed record PaceCurve(IReadOnlyList<Milestone> Milestones)
{
    public static readonly PaceCurve Linear = new([]);

    public bool IsLinear => Milestones.Count == 0;

    /// <summary>The value expected at the end of <paramref name="day"/>.</summary>
    public decimal ExpectedOn(DateOnly day, DateOnly periodStart, DateOnly deadline, decimal threshold)
    {
        if (day < periodStart)
        {
            return 0m;
        }

        var points = IsLinear
            ? [new Milestone(deadline, threshold)]
            : Milestones;
        var previous = new Milestone(periodStart.AddDays(-1), 0m);
        foreach (var point in points)
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

    public PaceCurve ShiftYears(int years) =>
        new(Milestones.Select(m => m with { On = m.On.AddYears(years) }).ToList());
}

/// <summary>A value expected by a date.</summary>
public sealed record Milestone(DateOnly On, decimal Expected);
