namespace Monitor.Benchmarks.Years;

/// <summary>
/// The realistic years the scoreboard test replays beside the 2023 demo, each a known story with a known outcome. All
/// are 2024 (the year whose holidays the seed targets name) of the seed institution's eight units, with a cohort of
/// 1,800 graduates in the seven secondary colleges (the 招生就业处, ZJ, has none).
/// </summary>
internal static class RealisticYears
{
    private const int Year = 2024;

    public static IReadOnlyList<YearPlan> All { get; } =
    [
        Calm(),
        UnitStallsInJune(),
        LeadershipStallsInAutumn(),
        LateSprint(),
        PlacementSlipsInJuly(),
        HolidayHeavy(),
        LateReports(),
        LearnedFromLastYear(),
    ];

    /// <summary>Everything met with room to spare: the year that must stay quiet.</summary>
    private static YearPlan Calm() => new()
    {
        Name = "calm-2024",
        Year = Year,
        Title = "A calm year: every target met, visits following the school calendar",
        Story =
        [
            "Visits bunch in the spring term (March to June) and the autumn term (September to December), thin out over the",
            "winter break, stop around the Spring Festival (4-18 February) and in mid-August, and stop on public holidays.",
            "Leadership and every unit end 5-15 % above their thresholds. Placement follows the national rhythm a few points",
            "ahead of the seed's milestones (a third by the end of April, three quarters by the end of May) and ends near",
            "96.5 % in every college; every disadvantaged graduate is placed (一人一策). Reports reach the office 0-8 days",
            "after the fact.",
        ],
        Leadership = VisitPlan.Steady(100, 1.06, Year),
        Units = Units(new() { ["JX"] = 1.10, ["DZ"] = 1.08, ["RG"] = 1.12, ["XN"] = 1.08, ["CL"] = 1.14, ["JG"] = 1.07, ["YS"] = 1.10, ["ZJ"] = 1.2 }),
        Cohort = Cohort(CalmRates(), CalmRegular(), CalmDisadvantaged()),
        Cancellations = 3,
    };

    /// <summary>One college's visits stop in June: the unit misses while the institution, carried by the others, still meets.</summary>
    private static YearPlan UnitStallsInJune() => new()
    {
        Name = "unit-stalls-2024",
        Year = Year,
        Title = "A unit that stalls in June and misses its visits",
        Story =
        [
            "电子信息与自动化学院 (DZ, threshold 30) visits on pace until the end of May, then its dean leaves and the college",
            "visits almost no one (a fifth of its pace) for the rest of the year: it ends well short of 30. The other",
            "colleges visit a little more than usual, so the institution's 200 is still met. Leadership and placement are",
            "calm.",
        ],
        Leadership = VisitPlan.Steady(100, 1.05, Year),
        Units = Units(
            new() { ["JX"] = 1.16, ["DZ"] = 1.05, ["RG"] = 1.16, ["XN"] = 1.14, ["CL"] = 1.18, ["JG"] = 1.14, ["YS"] = 1.16, ["ZJ"] = 1.3 },
            ("DZ", new Effort(new(Year, 6, 1), 0.2))),
        Cohort = Cohort(CalmRates(), CalmRegular(), CalmDisadvantaged()),
    };

    /// <summary>The leaders' visits stop after the summer: the institution's leadership target is missed.</summary>
    private static YearPlan LeadershipStallsInAutumn() => new()
    {
        Name = "leadership-stalls-2024",
        Year = Year,
        Title = "Leadership visits that stall in autumn and miss",
        Story =
        [
            "The leaders visit on pace until early September; from 9 September an accreditation review (办学评估) takes",
            "their autumn, and they visit at a quarter of the pace for the rest of the year: the 100 is missed. Units and",
            "placement are calm.",
        ],
        Leadership = new VisitPlan(100, [new(new(Year, 1, 1), 1.04), new(new(Year, 9, 9), 0.25)]),
        Units = Units(new() { ["JX"] = 1.10, ["DZ"] = 1.08, ["RG"] = 1.12, ["XN"] = 1.08, ["CL"] = 1.14, ["JG"] = 1.07, ["YS"] = 1.10, ["ZJ"] = 1.2 }),
        Cohort = Cohort(CalmRates(), CalmRegular(), CalmDisadvantaged()),
    };

    /// <summary>Behind most of the year, then a late sprint that meets: warnings are right, Critical only if really out of reach.</summary>
    private static YearPlan LateSprint() => new()
    {
        Name = "late-sprint-2024",
        Year = Year,
        Title = "A late sprint: behind until October, then met",
        Story =
        [
            "The leaders, 人工智能学院 (RG) and 经济管理学院 (JG) visit at about 60 % of the pace until the National Day",
            "holiday, then sprint (2.4 times the pace) from 8 October and end above their thresholds. The other colleges",
            "and placement are calm.",
        ],
        Leadership = new VisitPlan(100, [new(new(Year, 1, 1), 0.6), new(new(Year, 10, 8), 2.4)]),
        Units = Units(
            new() { ["JX"] = 1.10, ["DZ"] = 1.08, ["RG"] = 0.6, ["XN"] = 1.08, ["CL"] = 1.14, ["JG"] = 0.6, ["YS"] = 1.10, ["ZJ"] = 1.2 },
            ("RG", new Effort(new(Year, 10, 8), 2.4)),
            ("JG", new Effort(new(Year, 10, 8), 2.4))),
        Cohort = Cohort(CalmRates(), CalmRegular(), CalmDisadvantaged()),
    };

    /// <summary>Placement on pace until the end of June, then a July that brings almost nothing: 95 % is missed, the disadvantaged met.</summary>
    private static YearPlan PlacementSlipsInJuly() => new()
    {
        Name = "placement-slips-2024",
        Year = Year,
        Title = "A placement year that slips in July and misses 95 % while the disadvantaged rate is met",
        Story =
        [
            "Placement keeps the seed's milestones until the end of June (86-87 % placed). In July two large employers",
            "freeze hiring: few new placements, and 40 spring offers are withdrawn (解约), only a quarter of them replaced",
            "in August. The institution ends near 93 % on 31 August, most colleges below 95 %. Every disadvantaged graduate",
            "is placed (the office's 一人一策 help is not affected). Visits are calm.",
        ],
        Leadership = VisitPlan.Steady(100, 1.06, Year),
        Units = Units(new() { ["JX"] = 1.10, ["DZ"] = 1.08, ["RG"] = 1.12, ["XN"] = 1.08, ["CL"] = 1.14, ["JG"] = 1.07, ["YS"] = 1.10, ["ZJ"] = 1.2 }),
        Cohort = Cohort(
            Rates(94.6, 93.8, 96.8, 93.6, 94.4, 94.8, 94.0),
            [(new(Year, 2, 29), 10), (new(Year, 3, 31), 23), (new(Year, 4, 30), 39), (new(Year, 5, 31), 77), (new(Year, 6, 30), 93), (new(Year, 7, 31), 95.5), (new(Year, 8, 31), 100)],
            CalmDisadvantaged()) with
        {
            Revocations = 40,
            PlacedAgain = 0.25,
        },
    };

    /// <summary>A college that shuts long in winter and summer, and an office that files nothing while it is shut.</summary>
    private static YearPlan HolidayHeavy() => new()
    {
        Name = "holiday-heavy-2024",
        Year = Year,
        Title = "A holiday-heavy year: long closures in winter and summer, every target met",
        Story =
        [
            "The college closes from 13 January to 3 March (winter break and the Spring Festival) and from 6 July to",
            "1 September (summer break): no visits at all then, and none on public holidays. The visits crowd into the terms,",
            "and every target is met. The office files no destination report while it is shut (13 January - 3 March) nor",
            "during its staff's summer leave (27 July - 9 August; placement is measured on 31 August, so the office works",
            "through the rest of the summer): what happened then is filed in the days after.",
        ],
        Calendar = SchoolCalendar.Of(Year).With(
            new Closure(new(Year, 1, 13), new(Year, 3, 3), 0, "寒假闭校"),
            new Closure(new(Year, 7, 6), new(Year, 9, 1), 0, "暑假闭校")),
        Leadership = VisitPlan.Steady(100, 1.06, Year),
        Units = Units(new() { ["JX"] = 1.10, ["DZ"] = 1.08, ["RG"] = 1.12, ["XN"] = 1.08, ["CL"] = 1.14, ["JG"] = 1.07, ["YS"] = 1.10, ["ZJ"] = 1.2 }),
        Cohort = Cohort(CalmRates(), CalmRegular(), CalmDisadvantaged()) with
        {
            OfficeClosed = [new(new(Year, 1, 13), new(Year, 3, 3), 0, "寒假"), new(new(Year, 7, 27), new(Year, 8, 9), 0, "暑期休假")],
        },
    };

    /// <summary>The books' fortnight at work: late filing that decides the verdict, backdated reports after the close that must not.</summary>
    private static YearPlan LateReports() => new()
    {
        Name = "late-reports-2024",
        Year = Year,
        Title = "Late reports: a verdict decided in the books' fortnight, reports after the close that must not change it",
        Story =
        [
            "Placement runs close to 95 %. 经济管理学院 (JG) files its reports effective from 12 August only between 2 and",
            "12 September: on 31 August the figures received say the institution is short of 95 % (provisionally missed),",
            "the late filing lifts it above 95 % within the fortnight, and the books close on 14 September with 95 % met.",
            "After the close, 12 offers withdrawn in late August are reported (20 September - 9 October) and 30 graduates",
            "placed in September: neither may change the final verdict or its figures (today's rate moves, labelled apart).",
            "艺术工程学院 (YS) has no disadvantaged graduates (no rate, no status, no alert); 材料工程学院 (CL) has 12, a",
            "small group, one of them unplaced (missed, never Warning or Critical on its own); 机械工程学院 (JX) has 30",
            "and places 29 (97 % of 30 needs all 30: missed by one graduate). Three visits are recorded in error and",
            "cancelled. Visits are otherwise calm.",
        ],
        Leadership = VisitPlan.Steady(100, 1.06, Year),
        Units = Units(new() { ["JX"] = 1.10, ["DZ"] = 1.08, ["RG"] = 1.12, ["XN"] = 1.08, ["CL"] = 1.14, ["JG"] = 1.07, ["YS"] = 1.10, ["ZJ"] = 1.2 }),
        Cohort = new CohortPlan
        {
            Units =
            [
                new("JX", 300, 30, 95.2, 29),
                new("DZ", 280, 22, 94.9, 22),
                new("RG", 260, 20, 95.4, 20),
                new("XN", 240, 21, 94.8, 21),
                new("CL", 220, 12, 95.1, 11),
                new("JG", 300, 26, 95.6, 26),
                new("YS", 200, 0, 95.0, 0),
            ],
            Regular = CalmRegular(),
            Disadvantaged = CalmDisadvantaged(),
            LateFiling = new("JG", new(Year, 7, 22)),
            RevokedAfterClose = 12,
            PlacedInSeptember = 30,
        },
        Cancellations = 3,
    };

    /// <summary>A college whose visits are heavy in autumn every year: judged by last year's shape (its events in the store) rather than the seed's weights.</summary>
    private static YearPlan LearnedFromLastYear() => new()
    {
        Name = "learned-2024",
        Year = Year,
        Title = "An autumn-heavy college judged by last year's curve (a learned pace): every target met",
        Story =
        [
            "This college does most of its visiting after the summer: in 2023 and again in 2024 about 40 % of the pace",
            "until June and 1.6 times it from July. The file holds 2023's visits first (as the store of a college that ran",
            "Monitor last year does), so the seed's Learned pace follows last year's curve instead of the seed's month",
            "weights. Every target is met; placement is calm. Replay from 1 January 2024 (--from), 2023's visits being",
            "loaded before it.",
        ],
        Leadership = new VisitPlan(100, [new(new(Year, 1, 1), 0.45), new(new(Year, 7, 1), 1.65)]),
        Units = Units(
            new() { ["JX"] = 0.45, ["DZ"] = 0.45, ["RG"] = 0.45, ["XN"] = 0.45, ["CL"] = 0.45, ["JG"] = 0.45, ["YS"] = 0.45, ["ZJ"] = 0.45 },
            [.. YearBuilder.UnitOrder.Select(u => (u, new Effort(new(Year, 7, 1), 1.7)))]),
        Cohort = Cohort(CalmRates(), CalmRegular(), CalmDisadvantaged()),
        LastYear = new YearPlan
        {
            Name = "learned-2024",
            Year = Year - 1,
            Title = string.Empty,
            Story = [],
            Leadership = new VisitPlan(100, [new(new(Year - 1, 1, 1), 0.45), new(new(Year - 1, 7, 1), 1.65)]),
            Units = Units(
                new() { ["JX"] = 0.45, ["DZ"] = 0.45, ["RG"] = 0.45, ["XN"] = 0.45, ["CL"] = 0.45, ["JG"] = 0.45, ["YS"] = 0.45, ["ZJ"] = 0.45 },
                [.. YearBuilder.UnitOrder.Select(u => (u, new Effort(new(Year - 1, 7, 1), 1.7)))]),
            Cohort = Cohort(CalmRates(), CalmRegular(), CalmDisadvantaged()),
        },
    };

    private static Dictionary<string, VisitPlan> Units(Dictionary<string, double> effort, params (string Unit, Effort Step)[] steps)
    {
        var year = steps.Length == 0 ? Year : steps[0].Step.From.Year;
        return effort.ToDictionary(
            e => e.Key,
            e => new VisitPlan(YearBuilder.UnitThresholds[e.Key], [new(new(year, 1, 1), e.Value), .. steps.Where(s => s.Unit == e.Key).Select(s => s.Step)]),
            StringComparer.Ordinal);
    }

    private static CohortPlan Cohort(
        IReadOnlyList<UnitCohort> units, IReadOnlyList<(DateOnly, double)> regular, IReadOnlyList<(DateOnly, double)> disadvantaged) =>
        new() { Units = units, Regular = regular, Disadvantaged = disadvantaged };

    private static UnitCohort[] CalmRates() => Rates(96.8, 96.2, 97.0, 95.9, 96.4, 96.9, 96.1);

    /// <summary>The seven colleges' graduates and disadvantaged graduates (about 8.5 %), every disadvantaged one placed.</summary>
    private static UnitCohort[] Rates(double jx, double dz, double rg, double xn, double cl, double jg, double ys) =>
    [
        new("JX", 300, 24, jx, 24),
        new("DZ", 280, 22, dz, 22),
        new("RG", 260, 20, rg, 20),
        new("XN", 240, 21, xn, 21),
        new("CL", 220, 20, cl, 20),
        new("JG", 300, 26, jg, 26),
        new("YS", 200, 20, ys, 20),
    ];

    /// <summary>Percent of the eventually placed who are placed by each date: a few points ahead of the seed's milestones.</summary>
    private static (DateOnly, double)[] CalmRegular() =>
        [(new(Year, 2, 29), 10), (new(Year, 3, 31), 23), (new(Year, 4, 30), 39), (new(Year, 5, 31), 76), (new(Year, 6, 30), 91), (new(Year, 7, 31), 96.5), (new(Year, 8, 31), 100)];

    private static (DateOnly, double)[] CalmDisadvantaged() =>
        [(new(Year, 2, 29), 8), (new(Year, 3, 31), 22), (new(Year, 4, 30), 40), (new(Year, 5, 31), 79), (new(Year, 6, 30), 92), (new(Year, 7, 31), 98), (new(Year, 8, 31), 100)];
}
