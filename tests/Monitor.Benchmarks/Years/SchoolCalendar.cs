namespace Monitor.Benchmarks.Years;

/// <summary>
/// How busy a college's leaders are with employer visits on each day of a year, as it really went — not the targets
/// file's pace, which is a plan: the spring term (March to June) and the autumn term (September to December) carry
/// the visits; the winter break thins them and the days around the Spring Festival stop them; the summer break thins
/// them and its middle, in August, stops them; public holidays stop them; weekends carry a few (employers invited in).
/// </summary>
/// <param name="Year">The calendar year.</param>
/// <param name="MonthActivity">Relative activity of an ordinary weekday of each month, January first.</param>
/// <param name="Closures">Periods whose days weigh a share of an ordinary day (0: nothing happens).</param>
internal sealed record SchoolCalendar(int Year, IReadOnlyList<double> MonthActivity, IReadOnlyList<Closure> Closures)
{
    /// <summary>A weekend day weighs this share of a weekday.</summary>
    public const double Weekend = 0.1;

    private static readonly double[] Months = [8, 6, 11, 13, 12, 10, 8, 4, 10, 10, 13, 10];

    public DateOnly First => new(Year, 1, 1);

    public DateOnly Last => new(Year, 12, 31);

    /// <summary>The days of the year, in order.</summary>
    public IEnumerable<DateOnly> Days()
    {
        for (var day = First; day <= Last; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    /// <summary>The visiting activity of one day.</summary>
    public double Activity(DateOnly day)
    {
        var weight = MonthActivity[day.Month - 1];
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            weight *= Weekend;
        }

        foreach (var closure in Closures)
        {
            if (day >= closure.From && day <= closure.To)
            {
                weight *= closure.Factor;
            }
        }

        return weight;
    }

    /// <summary>This calendar with more closures (a year whose college shuts longer than usual).</summary>
    public SchoolCalendar With(params Closure[] more) => this with { Closures = [.. Closures, .. more] };

    /// <summary>
    /// The calendars of 2023 and 2024 as a Tianjin vocational college lived them: the public holidays of the State
    /// Council's notices, the winter and summer breaks of a typical term plan, and the staff's leave around the Spring
    /// Festival and in mid-summer.
    /// </summary>
    public static SchoolCalendar Of(int year) => year switch
    {
        2023 => new SchoolCalendar(2023, Months,
        [
            new(new(2023, 1, 1), new(2023, 1, 2), 0, "元旦"),
            new(new(2023, 1, 7), new(2023, 2, 19), 0.25, "寒假"),
            new(new(2023, 1, 14), new(2023, 1, 29), 0, "春节"),
            new(new(2023, 4, 5), new(2023, 4, 5), 0, "清明节"),
            new(new(2023, 4, 29), new(2023, 5, 3), 0, "劳动节"),
            new(new(2023, 6, 22), new(2023, 6, 24), 0, "端午节"),
            new(new(2023, 7, 8), new(2023, 8, 31), 0.3, "暑假"),
            new(new(2023, 7, 22), new(2023, 8, 13), 0, "暑期休假"),
            new(new(2023, 9, 29), new(2023, 10, 6), 0, "中秋节、国庆节"),
        ]),
        2024 => new SchoolCalendar(2024, Months,
        [
            new(new(2024, 1, 1), new(2024, 1, 1), 0, "元旦"),
            new(new(2024, 1, 13), new(2024, 2, 25), 0.25, "寒假"),
            new(new(2024, 2, 4), new(2024, 2, 18), 0, "春节"),
            new(new(2024, 4, 4), new(2024, 4, 6), 0, "清明节"),
            new(new(2024, 5, 1), new(2024, 5, 5), 0, "劳动节"),
            new(new(2024, 6, 8), new(2024, 6, 10), 0, "端午节"),
            new(new(2024, 7, 13), new(2024, 8, 31), 0.3, "暑假"),
            new(new(2024, 7, 27), new(2024, 8, 18), 0, "暑期休假"),
            new(new(2024, 9, 15), new(2024, 9, 17), 0, "中秋节"),
            new(new(2024, 10, 1), new(2024, 10, 7), 0, "国庆节"),
        ]),
        _ => throw new ArgumentOutOfRangeException(nameof(year), year, "Only the calendars of 2023 and 2024 are written down."),
    };
}

/// <summary>A period (inclusive) whose days weigh <paramref name="Factor"/> of an ordinary day.</summary>
internal sealed record Closure(DateOnly From, DateOnly To, double Factor, string Name);
