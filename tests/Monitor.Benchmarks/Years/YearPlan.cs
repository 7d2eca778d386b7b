namespace Monitor.Benchmarks.Years;

/// <summary>
/// What happens in one realistic year of 天津轻工职业技术学院 (the seed institution, eight units), from which
/// <see cref="YearBuilder"/> draws the year's events. The figures a plan gives are intentions; the outcome written in
/// the file's header is counted from the events themselves.
/// </summary>
internal sealed record YearPlan
{
    /// <summary>The file's name without extension, e.g. calm-2024.</summary>
    public required string Name { get; init; }

    public required int Year { get; init; }

    /// <summary>One line: what kind of year this is.</summary>
    public required string Title { get; init; }

    /// <summary>What happens, in a few lines, for the file's header.</summary>
    public required IReadOnlyList<string> Story { get; init; }

    public SchoolCalendar? Calendar { get; init; }

    public required VisitPlan Leadership { get; init; }

    /// <summary>Each unit's own visits (its threshold is the targets file's unit threshold).</summary>
    public required IReadOnlyDictionary<string, VisitPlan> Units { get; init; }

    public required CohortPlan Cohort { get; init; }

    /// <summary>Visits recorded in error and cancelled a few days later.</summary>
    public int Cancellations { get; init; }

    /// <summary>Last year's visits too, as the store of a college that ran Monitor a year ago holds them (a learned pace).</summary>
    public YearPlan? LastYear { get; init; }

    public SchoolCalendar CalendarOrDefault => Calendar ?? SchoolCalendar.Of(Year);
}

/// <summary>
/// One scope's visits: how many distinct employers the pace of an ordinary year would bring (its threshold), and the
/// effort put in over the year as a factor of that — 1.05 from January is a scope that ends 5 % above its target
/// following the college's calendar; a factor of 0.1 from June is a stall.
/// </summary>
internal sealed record VisitPlan(int Threshold, IReadOnlyList<Effort> Effort)
{
    public static VisitPlan Steady(int threshold, double factor, int year) => new(threshold, [new(new(year, 1, 1), factor)]);

    public double EffortOn(DateOnly day)
    {
        var factor = 1.0;
        foreach (var step in Effort)
        {
            if (day >= step.From)
            {
                factor = step.Factor;
            }
        }

        return factor;
    }
}

/// <summary>From <paramref name="From"/> on (until the next step), visits run at <paramref name="Factor"/> of the calendar's pace.</summary>
internal sealed record Effort(DateOnly From, double Factor);

/// <summary>
/// The cohort (届) and how its destinations are reported: the share of each group placed by dates (straight lines
/// between them, effective dates), each unit's final rate, and the office's habits of reporting.
/// </summary>
internal sealed record CohortPlan
{
    public required IReadOnlyList<UnitCohort> Units { get; init; }

    /// <summary>Graduates who are not disadvantaged: percent of those eventually placed, placed by each date.</summary>
    public required IReadOnlyList<(DateOnly On, double Share)> Regular { get; init; }

    /// <summary>Disadvantaged graduates (help comes to them first, one by one: 一人一策): the same.</summary>
    public required IReadOnlyList<(DateOnly On, double Share)> Disadvantaged { get; init; }

    /// <summary>Graduates withdrawn (延期毕业), announced on 14 June.</summary>
    public int Withdrawals { get; init; } = 8;

    /// <summary>Graduates placed in spring whose offer is withdrawn in July (解约), and the share of them placed again in August.</summary>
    public int Revocations { get; init; } = 10;

    public double PlacedAgain { get; init; } = 0.8;

    /// <summary>Days when the office files nothing; what comes in then is filed in the days after.</summary>
    public IReadOnlyList<Closure> OfficeClosed { get; init; } = [];

    /// <summary>A unit that files its reports effective from a date only in September (补报), within the books' fortnight.</summary>
    public LateFiling? LateFiling { get; init; }

    /// <summary>Offers withdrawn effective late August but reported only after the books closed; they must not change the verdict.</summary>
    public int RevokedAfterClose { get; init; }

    /// <summary>Graduates placed in September (after the measurement date): today's rate, never the measured one.</summary>
    public int PlacedInSeptember { get; init; }
}

/// <summary>A unit's graduates, its disadvantaged ones, the percent of the others placed by 31 August, and how many of the disadvantaged.</summary>
internal sealed record UnitCohort(string Code, int Graduates, int Disadvantaged, double RegularPercent, int DisadvantagedPlaced);

/// <summary>Reports of <paramref name="UnitCode"/> effective on or after <paramref name="From"/> are filed from 2 to 12 September.</summary>
internal sealed record LateFiling(string UnitCode, DateOnly From);
