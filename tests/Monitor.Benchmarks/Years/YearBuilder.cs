using System.Globalization;
using System.Text.Json;
using Monitor.Messages;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Visits;

namespace Monitor.Benchmarks.Years;

/// <summary>
/// Draws a year's events from its plan, deterministically (each scope draws from a sequence seeded by the year's name
/// and the scope), and counts the outcome the events lead to: every scope's final verdict.
/// </summary>
internal static class YearBuilder
{
    public const string Institution = "tjqg";

    /// <summary>The unit thresholds of seeds/targets-2024.json; the institution's are 100 (leadership) and 200 (units).</summary>
    public static readonly IReadOnlyDictionary<string, int> UnitThresholds = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["JX"] = 30, ["DZ"] = 30, ["RG"] = 25, ["XN"] = 25, ["CL"] = 25, ["JG"] = 30, ["YS"] = 25, ["ZJ"] = 10,
    };

    /// <summary>The units in the institutions file's order.</summary>
    public static readonly IReadOnlyList<string> UnitOrder = ["JX", "DZ", "RG", "XN", "CL", "JG", "YS", "ZJ"];

    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static readonly string[] Districts = ["滨海", "津南", "西青", "东丽", "北辰", "武清", "宝坻", "静海", "宁河", "蓟州", "河西", "南开", "河东", "河北", "红桥", "和平"];

    private static readonly string[] Trades =
    [
        "化工", "食品", "包装", "电子", "机械", "汽车部件", "新材料", "软件", "物流", "医药", "精密仪器", "智能装备",
        "印刷", "服饰", "家居", "新能源", "光电", "数据", "建材", "设计", "轴承", "模具", "涂料", "环保",
    ];

    private static readonly string[] Forms = ["有限公司", "股份有限公司", "科技有限公司", "集团有限公司"];

    private static readonly string[] Categories = ["LowIncome", "PovertyAlleviated", "ZeroEmploymentFamily", "Disability", "LongTermUnemployed", "Other"];

    private static readonly (Destination Item, double Weight)[] Destinations =
    [
        (Destination.AgreementEmployment, 38), (Destination.ContractEmployment, 26), (Destination.FurtherStudy, 12),
        (Destination.OtherEmployment, 10), (Destination.Freelance, 5), (Destination.Military, 3),
        (Destination.Entrepreneurship, 1), (Destination.LocalGrassrootsProject, 2), (Destination.NationalGrassrootsProject, 1),
        (Destination.ResearchAssistant, 1), (Destination.StudyAbroad, 1),
    ];

    // Days from a destination's effective date to its report: most within the week, a tail of a week and more.
    private static readonly (int Item, double Weight)[] Lags = [(0, 20), (1, 25), (2, 20), (3, 15), (5, 10), (8, 10)];

    public static YearFile Build(YearPlan plan)
    {
        var events = new List<Event>();
        var outcomes = new List<Outcome>();
        if (plan.LastYear is { } last)
        {
            Visits(last, events, []);
        }

        Visits(plan, events, outcomes);
        Cohort(plan, events, outcomes);
        // A stable sort: events of the same moment keep the order they were drawn in.
        return new YearFile(plan, events.OrderBy(e => e.ArrivesAt).ToList(), outcomes);
    }

    private static void Visits(YearPlan plan, List<Event> events, List<Outcome> outcomes)
    {
        var calendar = plan.CalendarOrDefault;
        var names = Draw.For(plan.Name + "/employers").Shuffle(
            from district in Districts from trade in Trades select (District: district, Trade: trade));
        var employers = names.Select((n, i) => NewEmployer(n.District, n.Trade, i, Draw.For($"{plan.Name}/employer/{i}"))).ToList();
        var prefix = $"{plan.Name}-{plan.Year}";

        // Leadership draws from the whole pool; the units from the same pool in another order (a leader and a dean may
        // both visit a company: the tiers count apart).
        var leadership = Scope(calendar, plan.Leadership, Draw.For($"{prefix}/L"), employers, $"{prefix}-L", VisitTier.Leadership, null, events);
        Count(outcomes, $"leadership-visits-{plan.Year}", null, leadership.Count, 100);

        var pool = new Queue<Employer>(Draw.For($"{prefix}/unit-pool").Shuffle(employers));
        var byUnit = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var all = new HashSet<string>(StringComparer.Ordinal);
        var visitedByUnits = new List<(DateOnly On, Employer Employer, string Unit)>();
        foreach (var unit in UnitOrder.Where(plan.Units.ContainsKey))
        {
            var draw = Draw.For($"{prefix}/U/{unit}");
            var own = new List<Employer>();
            var dates = FirstVisits(calendar, plan.Units[unit], draw);
            foreach (var day in dates)
            {
                // Now and then a unit visits a company another unit visited first: it counts for both units, once for
                // the institution.
                var earlier = visitedByUnits.Where(v => v.On < day && v.Unit != unit).ToList();
                own.Add(earlier.Count > 0 && draw.Chance(0.04) ? draw.Pick(earlier).Employer : pool.Dequeue());
            }

            var visited = Write(dates, own, draw, $"{prefix}-U-{unit}", VisitTier.Unit, unit, events);
            visitedByUnits.AddRange(dates.Select((d, i) => (d, own[i], unit)));
            byUnit[unit] = visited;
            all.UnionWith(visited);
        }

        Count(outcomes, $"unit-visits-{plan.Year}", null, all.Count, 200);
        foreach (var (unit, visited) in byUnit)
        {
            Count(outcomes, $"unit-visits-{plan.Year}", unit, visited.Count, UnitThresholds[unit]);
        }

        Cancel(plan, calendar, employers, events);
    }

    private static HashSet<string> Scope(
        SchoolCalendar calendar, VisitPlan plan, Draw draw, List<Employer> employers, string prefix, VisitTier tier, string? unit, List<Event> events)
    {
        var dates = FirstVisits(calendar, plan, draw);
        var chosen = draw.Shuffle(employers).Take(dates.Count).ToList();
        return Write(dates, chosen, draw, prefix, tier, unit, events);
    }

    /// <summary>
    /// The first visit to each of the scope's employers, by the calendar's activity times the effort: the employers'
    /// dates are the points where the expected count crosses each whole number, a little jittered; a third of the
    /// visits share a day with the one before (a trip to two or three companies).
    /// </summary>
    private static List<DateOnly> FirstVisits(SchoolCalendar calendar, VisitPlan plan, Draw draw)
    {
        var days = calendar.Days().ToList();
        var ordinary = days.Sum(calendar.Activity);
        var cumulative = new double[days.Count];
        var sum = 0.0;
        for (var i = 0; i < days.Count; i++)
        {
            sum += calendar.Activity(days[i]) * plan.EffortOn(days[i]);
            cumulative[i] = plan.Threshold * sum / ordinary;
        }

        var count = (int)Math.Round(cumulative[^1]);
        var dates = new List<DateOnly>(count);
        var at = 0;
        for (var k = 0; k < count; k++)
        {
            var crossing = Math.Min(k + Math.Max(draw.Next(), 1e-6), cumulative[^1] - 1e-9);
            while (cumulative[at] < crossing)
            {
                at++;
            }

            dates.Add(days[at]);
        }

        for (var k = 1; k < dates.Count; k++)
        {
            if (draw.Chance(0.3))
            {
                dates[k] = dates[k - 1];
            }
        }

        return dates;
    }

    /// <summary>Writes the first visits, and repeat visits (same employer, a name written differently or the code left out) that must not count again.</summary>
    private static HashSet<string> Write(List<DateOnly> dates, List<Employer> employers, Draw draw, string prefix, VisitTier tier, string? unit, List<Event> events)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        for (var i = 0; i < dates.Count; i++)
        {
            var employer = employers[i];
            keys.Add(EmployerIdentity.Key(employer.Name, employer.CreditCode));
            events.Add(Visit($"{prefix}-{++number:D3}", tier, unit, employer.Name, employer.CreditCode, dates[i], draw, draw.Next(16)));
            if (draw.Chance(0.15) && i + 1 < dates.Count)
            {
                // Back later, on a day the scope was out visiting anyway.
                var again = dates[i + 1 + draw.Next(dates.Count - i - 1)];
                var (name, code) = draw.Chance(0.5) ? (employer.Spaced, employer.CreditCode) : (employer.Name, (string?)null);
                events.Add(Visit($"{prefix}-{++number:D3}", tier, unit, name, employer.CreditCode is null ? null : code, again, draw, draw.Next(5)));
            }
        }

        return keys;
    }

    /// <summary>Visits recorded in error (a typing slip in the date or the tier) and cancelled three days later.</summary>
    private static void Cancel(YearPlan plan, SchoolCalendar calendar, List<Employer> employers, List<Event> events)
    {
        var draw = Draw.For($"{plan.Name}/cancellations");
        var busy = calendar.Days().Where(d => d.Month is >= 3 and <= 11 && calendar.Activity(d) >= 8).ToList();
        for (var i = 1; i <= plan.Cancellations; i++)
        {
            var day = draw.Pick(busy);
            var employer = draw.Pick(employers);
            var id = $"{plan.Name}-{plan.Year}-X-{i:D3}";
            var unit = draw.Chance(0.5) ? draw.Pick(UnitOrder) : null;
            events.Add(Visit(id, unit is null ? VisitTier.Leadership : VisitTier.Unit, unit, employer.Name, employer.CreditCode, day, draw, 0));
            events.Add(new Event(
                Key(day.AddDays(3)),
                Line(nameof(EnterpriseVisitCancelled), day.AddDays(3), new EnterpriseVisitCancelled(id, Institution, "录入错误：重复登记"))));
        }
    }

    private static Event Visit(string id, VisitTier tier, string? unit, string name, string? code, DateOnly day, Draw draw, int positions) =>
        new(Key(day), Line(nameof(EnterpriseVisitRecorded), null, new EnterpriseVisitRecorded(
            id, Institution, tier, unit, name, code, day, draw.Chance(0.8) ? VisitMode.Outgoing : VisitMode.Incoming, positions)));

    private static void Count(List<Outcome> outcomes, string target, string? unit, int count, int threshold) =>
        outcomes.Add(new Outcome(target, unit, count >= threshold ? "Met" : "Missed", $"{count}/{threshold}"));

    private static void Cohort(YearPlan plan, List<Event> events, List<Outcome> outcomes)
    {
        var year = plan.Year;
        var cohort = plan.Cohort;
        var graduates = new List<Graduate>();
        foreach (var unit in cohort.Units)
        {
            var draw = Draw.For($"{plan.Name}/cohort/{unit.Code}");
            var disadvantaged = draw.Shuffle(Enumerable.Range(1, unit.Graduates)).Take(unit.Disadvantaged).ToHashSet();
            for (var n = 1; n <= unit.Graduates; n++)
            {
                var categories = disadvantaged.Contains(n) ? new[] { draw.Pick(Categories) } : [];
                graduates.Add(new Graduate($"{year}{unit.Code}{n:D4}", unit.Code, categories.Length > 0));
                events.Add(new Event(DateTime.MinValue, Line(nameof(GraduateRegistered), null, new GraduateRegistered(Institution, year, $"{year}{unit.Code}{n:D4}", unit.Code, null, categories))));
            }
        }

        var roster = Draw.For($"{plan.Name}/withdrawals");
        var withdrawn = roster.Shuffle(graduates.Where(g => !g.Disadvantaged)).Take(cohort.Withdrawals).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var withdrawalDay = new DateOnly(year, 6, 14);
        foreach (var id in withdrawn.Order(StringComparer.Ordinal))
        {
            events.Add(new Event(Key(withdrawalDay), Line(nameof(GraduateWithdrawn), withdrawalDay, new GraduateWithdrawn(Institution, year, id, "延期毕业"))));
        }

        var reports = new List<GraduateDestinationReported>();
        foreach (var unit in cohort.Units)
        {
            var draw = Draw.For($"{plan.Name}/placement/{unit.Code}");
            var members = graduates.Where(g => g.UnitCode == unit.Code && !withdrawn.Contains(g.Id)).ToList();
            var regular = members.Where(g => !g.Disadvantaged).ToList();
            Place(plan, draw, regular, (int)Math.Round(regular.Count * unit.RegularPercent / 100), cohort.Regular, reports);
            Place(plan, draw, members.Where(g => g.Disadvantaged).ToList(), unit.DisadvantagedPlaced, cohort.Disadvantaged, reports);
        }

        Revoke(plan, graduates.ToDictionary(g => g.Id, StringComparer.Ordinal), reports);
        AfterTheMeasurementDate(plan, graduates, withdrawn, reports);
        var numbered = reports
            .OrderBy(r => r.ReportedAt)
            .ThenBy(r => r.GraduateId, StringComparer.Ordinal)
            .Select((r, i) => r with { ReportId = $"{plan.Name}-{year}-R-{i + 1:D5}" })
            .ToList();
        events.AddRange(numbered.Select(r => new Event(Key(r.ReportedAt), Line(nameof(GraduateDestinationReported), null, r))));
        Measure(plan, graduates, withdrawn, numbered, outcomes);
    }

    /// <summary>
    /// Places <paramref name="placed"/> of the group by the curve's shape (the curve's last point is everyone placed by
    /// 31 August), reports each with the office's lag, gives a third of the group a first survey's 待就业 in spring,
    /// and the rest 待就业 or 暂不就业 at graduation.
    /// </summary>
    private static void Place(YearPlan plan, Draw draw, List<Graduate> group, int placed, IReadOnlyList<(DateOnly On, double Share)> curve, List<GraduateDestinationReported> reports)
    {
        var year = plan.Year;
        var order = draw.Shuffle(group);
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 8, 31);
        for (var k = 0; k < order.Count; k++)
        {
            var graduate = order[k];
            DateOnly? on = k < placed ? Along(curve, start, (k + draw.Next()) / Math.Max(1, placed)) : null;
            if (draw.Chance(0.3))
            {
                var survey = new DateOnly(year, 3, 11).AddDays(draw.Next(40));
                if (on is null || survey < on)
                {
                    reports.Add(Report(plan, draw, graduate, Destination.Unplaced, survey));
                }
            }

            reports.Add(on is { } day
                ? Report(plan, draw, graduate, draw.Pick(Destinations), day > end ? end : day)
                : Report(plan, draw, graduate, draw.Chance(0.7) ? Destination.Unplaced : Destination.NotSeekingEmployment, new DateOnly(year, 6, 28)));
        }
    }

    /// <summary>The date by which the curve (straight lines between its points, from zero on <paramref name="start"/>) reaches <paramref name="share"/> of its end.</summary>
    private static DateOnly Along(IReadOnlyList<(DateOnly On, double Share)> curve, DateOnly start, double share)
    {
        var whole = curve[^1].Share;
        var (fromDay, fromShare) = (start, 0.0);
        foreach (var (on, value) in curve)
        {
            var target = share * whole;
            if (target <= value)
            {
                var span = on.DayNumber - fromDay.DayNumber;
                var part = value - fromShare <= 0 ? 0 : (target - fromShare) / (value - fromShare);
                return fromDay.AddDays((int)Math.Floor(part * span));
            }

            (fromDay, fromShare) = (on, value);
        }

        return curve[^1].On;
    }

    /// <summary>Offers withdrawn in July (解约) from graduates placed by May; most are placed again in August.</summary>
    private static void Revoke(YearPlan plan, Dictionary<string, Graduate> graduates, List<GraduateDestinationReported> reports)
    {
        var draw = Draw.For($"{plan.Name}/revocations");
        var year = plan.Year;
        var placedInSpring = reports
            .Where(r => DestinationIsPlaced(r.Destination) && r.EffectiveOn <= new DateOnly(year, 5, 31) && !graduates[r.GraduateId].Disadvantaged)
            .Select(r => r.GraduateId)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var id in draw.Shuffle(placedInSpring).Take(plan.Cohort.Revocations))
        {
            var graduate = graduates[id];
            var revoked = new DateOnly(year, 7, 8).AddDays(draw.Next(18));
            reports.Add(Report(plan, draw, graduate, Destination.Unplaced, revoked));
            if (draw.Chance(plan.Cohort.PlacedAgain))
            {
                reports.Add(Report(plan, draw, graduate, Destination.ContractEmployment, new DateOnly(year, 8, 1).AddDays(draw.Next(25))));
            }
        }
    }

    /// <summary>Reports after the measurement date: offers withdrawn late in August but reported after the books closed, and placements in September.</summary>
    private static void AfterTheMeasurementDate(YearPlan plan, List<Graduate> graduates, HashSet<string> withdrawn, List<GraduateDestinationReported> reports)
    {
        var draw = Draw.For($"{plan.Name}/after");
        var year = plan.Year;
        var deadline = new DateOnly(year, 8, 31);
        var latest = Latest(reports, deadline, DateTimeOffset.MaxValue);
        var members = graduates.Where(g => !withdrawn.Contains(g.Id)).ToList();
        var placed = draw.Shuffle(members.Where(g => !g.Disadvantaged && latest.TryGetValue(g.Id, out var d) && DestinationIsPlaced(d)));
        foreach (var graduate in placed.Take(plan.Cohort.RevokedAfterClose))
        {
            var at = new DateTimeOffset(year, 9, 20, 10, 0, 0, Beijing).AddDays(draw.Next(20)).AddMinutes(draw.Next(400));
            reports.Add(new GraduateDestinationReported(string.Empty, Institution, year, graduate.Id, Destination.Unplaced, new DateOnly(year, 8, 26).AddDays(draw.Next(5)), at, null, null));
        }

        var waiting = draw.Shuffle(members.Where(g => latest.TryGetValue(g.Id, out var d) && !DestinationIsPlaced(d)));
        foreach (var graduate in waiting.Take(plan.Cohort.PlacedInSeptember))
        {
            var on = new DateOnly(year, 9, 2).AddDays(draw.Next(20));
            reports.Add(Report(plan, draw, graduate, draw.Pick(Destinations), on));
        }
    }

    private static GraduateDestinationReported Report(YearPlan plan, Draw draw, Graduate graduate, Destination destination, DateOnly effective)
    {
        var filed = effective.AddDays(draw.Pick(Lags));
        if (plan.Cohort.LateFiling is { } late && graduate.UnitCode == late.UnitCode && effective >= late.From && effective <= new DateOnly(plan.Year, 8, 31))
        {
            filed = new DateOnly(plan.Year, 9, 2).AddDays(draw.Next(11));
        }

        foreach (var closed in plan.Cohort.OfficeClosed)
        {
            if (filed >= closed.From && filed <= closed.To)
            {
                filed = closed.To.AddDays(1 + draw.Next(5));
            }
        }

        while (filed.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            filed = filed.AddDays(1);
        }

        var at = new DateTimeOffset(filed.ToDateTime(new TimeOnly(9, 0)), Beijing).AddMinutes(draw.Next(510));
        return new GraduateDestinationReported(string.Empty, Institution, plan.Year, graduate.Id, destination, effective, at, null, null);
    }

    /// <summary>
    /// The measured verdicts: each graduate's latest report effective by 31 August, counting the reports that arrived
    /// before the first evaluation after the books closed (8:30 on 15 September).
    /// </summary>
    private static void Measure(YearPlan plan, List<Graduate> graduates, HashSet<string> withdrawn, List<GraduateDestinationReported> reports, List<Outcome> outcomes)
    {
        var year = plan.Year;
        var close = new DateTimeOffset(year, 9, 15, 8, 30, 0, Beijing);
        var latest = Latest(reports, new DateOnly(year, 8, 31), close);
        var members = graduates.Where(g => !withdrawn.Contains(g.Id)).ToList();
        foreach (var (target, threshold, disadvantagedOnly) in new[] { ($"placement-{year}", 95, false), ($"placement-disadvantaged-{year}", 97, true) })
        {
            var population = members.Where(g => !disadvantagedOnly || g.Disadvantaged).ToList();
            outcomes.Add(Rate(target, null, population, latest, threshold));
            foreach (var unit in plan.Cohort.Units)
            {
                outcomes.Add(Rate(target, unit.Code, population.Where(g => g.UnitCode == unit.Code).ToList(), latest, threshold));
            }
        }
    }

    private static Outcome Rate(string target, string? unit, List<Graduate> population, Dictionary<string, Destination> latest, int threshold)
    {
        if (population.Count == 0)
        {
            return new Outcome(target, unit, "none", "no graduates in the target's population");
        }

        var placed = population.Count(g => latest.TryGetValue(g.Id, out var d) && DestinationIsPlaced(d));
        var needed = (int)Math.Ceiling(threshold * population.Count / 100m);
        var rate = Math.Round(placed * 100m / population.Count, 2, MidpointRounding.AwayFromZero);
        return new Outcome(target, unit, placed >= needed ? "Met" : "Missed", string.Create(CultureInfo.InvariantCulture, $"{rate}% {placed}/{population.Count}"));
    }

    /// <summary>Each graduate's destination: the latest report effective by <paramref name="day"/> (then the latest filed, then the greatest id) among those filed before <paramref name="arrivedBefore"/>.</summary>
    private static Dictionary<string, Destination> Latest(List<GraduateDestinationReported> reports, DateOnly day, DateTimeOffset arrivedBefore) =>
        reports
            .Where(r => r.EffectiveOn <= day && r.ReportedAt < arrivedBefore)
            .GroupBy(r => r.GraduateId, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.OrderBy(r => r.EffectiveOn).ThenBy(r => r.ReportedAt).ThenBy(r => r.ReportId, StringComparer.Ordinal).Last().Destination,
                StringComparer.Ordinal);

    private static bool DestinationIsPlaced(Destination d) => d is not (Destination.Unplaced or Destination.NotSeekingEmployment);

    private static Employer NewEmployer(string district, string trade, int index, Draw draw)
    {
        var form = draw.Pick(Forms);
        var name = $"{district}{trade}{form}";
        var spaced = $"{district}{trade} {form}";
        if (!draw.Chance(0.7))
        {
            return new Employer(name, spaced, null);
        }

        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var body = string.Concat(Enumerable.Range(0, 9).Select(_ => alphabet[draw.Next(alphabet.Length)]));
        var first17 = string.Create(CultureInfo.InvariantCulture, $"911201{index % 100:D2}{body}");
        return new Employer(name, spaced, first17 + EmployerIdentity.CheckCharacter(first17));
    }

    /// <summary>When an event dated <paramref name="day"/> arrives: at the end of that day, as the replay dates it.</summary>
    private static DateTime Key(DateOnly day) => day.AddDays(1).ToDateTime(TimeOnly.MinValue);

    private static DateTime Key(DateTimeOffset at) => at.ToOffset(Beijing).DateTime;

    private static string Line(string type, DateOnly? on, object message)
    {
        var body = JsonSerializer.Serialize(message, message.GetType(), CliJson.Compact);
        return on is { } day
            ? $$"""{"type":"{{type}}","on":"{{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}}","message":{{body}}}"""
            : $$"""{"type":"{{type}}","message":{{body}}}""";
    }

    private sealed record Employer(string Name, string Spaced, string? CreditCode);

    private sealed record Graduate(string Id, string UnitCode, bool Disadvantaged);

    /// <summary>One line of the file and when it arrives (registrations: before anything else).</summary>
    internal sealed record Event(DateTime ArrivesAt, string Json);
}

/// <summary>A scope's final verdict as the events decide it: Met, Missed, or none (no graduate in the target's population).</summary>
internal sealed record Outcome(string TargetId, string? UnitCode, string Verdict, string Figures);

/// <summary>A year's events, in order of arrival, and the outcome they lead to.</summary>
internal sealed record YearFile(YearPlan Plan, IReadOnlyList<YearBuilder.Event> Events, IReadOnlyList<Outcome> Outcomes);
