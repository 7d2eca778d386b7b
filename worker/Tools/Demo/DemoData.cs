using Monitor.Messages;
using Monitor.Worker.Visits;

namespace Monitor.Worker.Tools.Demo;

/// <summary>The demo's events: a year of visits and a graduate cohort reconstructed from a work report's baseline.</summary>
public sealed record DemoDataSet(
    IReadOnlyList<EnterpriseVisitRecorded> Visits,
    IReadOnlyList<GraduateRegistered> Graduates,
    IReadOnlyList<GraduateWithdrawn> Withdrawals,
    IReadOnlyList<GraduateDestinationReported> Reports);

/// <summary>
/// Rebuilds the 2023 baseline of the 2024 work report as events, deterministically: 101 employers visited by the
/// leadership (793 positions), 216 by the units (3,194 positions), with repeat visits and name variants; and a cohort
/// of 2,500 graduates (after 12 withdrawals) of whom 2,386 are placed on 30 August: 95.44 %, 152 to further study.
/// 2,500 is the smallest round cohort for which 95.44 % is an exact count, and the size of a college of this kind.
/// </summary>
public static class DemoData
{
    public const int LeadershipEmployers = 101;
    public const int LeadershipPositions = 793;
    public const int UnitEmployers = 216;
    public const int UnitPositions = 3194;
    public const int CohortSize = 2500;
    public const int Placed = 2386;
    public const int FurtherStudy = 152;
    public const int Disadvantaged = 180;
    public const int DisadvantagedPlaced = 173;
    public const int Withdrawn = 12;
    public const int OrphanReports = 3;

    // Unit employers per unit; XN falls short of its share of 25 on purpose, so the demo shows a lagging unit.
    private static readonly (string Unit, int Employers)[] UnitVisits =
        [("JX", 32), ("DZ", 31), ("RG", 27), ("XN", 21), ("CL", 26), ("JG", 36), ("YS", 28), ("ZJ", 15)];

    // Graduates, disadvantaged graduates, unplaced graduates and disadvantaged unplaced graduates per unit.
    private static readonly (string Unit, int Size, int Disadvantaged, int Unplaced, int DisadvantagedUnplaced)[] Cohort =
        [("JX", 420, 30, 15, 1), ("DZ", 400, 28, 14, 0), ("RG", 360, 26, 12, 0), ("XN", 300, 22, 25, 3), ("CL", 280, 20, 10, 0), ("JG", 420, 30, 20, 1), ("YS", 320, 24, 18, 2)];

    // Share of the cohort placed by each date: slow before the spring job fairs, most in May and June.
    private static readonly (int Month, int Day, decimal Share)[] PlacementCurve =
        [(2, 15, 0m), (3, 31, 0.25m), (4, 30, 0.50m), (5, 31, 0.71m), (6, 30, 0.86m), (7, 31, 0.925m), (8, 30, 0.9544m)];

    // Relative visiting activity per month: quiet over Spring Festival and the summer break.
    private static readonly int[] MonthWeights = [4, 3, 10, 12, 12, 10, 5, 4, 10, 9, 12, 9];

    private static readonly string[] Places = ["天津", "滨海", "北辰", "西青", "武清", "宝坻", "东丽", "津南", "河北", "北京", "山东", "江苏"];
    private static readonly string[] Trades = ["智能装备", "新材料", "汽车零部件", "电子科技", "精密机械", "食品", "现代物流", "文化传媒", "新能源", "光电", "生物医药", "环保科技", "软件", "数控", "模具", "包装", "化工", "建筑设计", "电气", "信息技术"];
    private static readonly string[] Forms = ["有限公司", "股份有限公司", "集团有限公司", "科技有限公司"];
    private const string CodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public static DemoDataSet Create(string institutionId, int year)
    {
        var random = new Random(year);
        var employers = Employers(random, LeadershipEmployers + UnitEmployers);
        var visits = new List<EnterpriseVisitRecorded>();
        visits.AddRange(LeadershipVisits(random, institutionId, year, employers.Take(LeadershipEmployers).ToList()));
        visits.AddRange(UnitVisitsOf(random, institutionId, year, employers.Skip(LeadershipEmployers).ToList()));
        var (graduates, withdrawals, reports) = CohortOf(random, institutionId, year);
        return new DemoDataSet(visits, graduates, withdrawals, reports);
    }

    private sealed record Employer(string Name, string? Code);

    private static List<Employer> Employers(Random random, int count)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Employer>();
        while (result.Count < count)
        {
            var place = Places[random.Next(Places.Length)];
            var name = (random.Next(5) == 0 ? $"天津（{place}）" : place) + Trades[random.Next(Trades.Length)] + Forms[random.Next(Forms.Length)];
            if (!names.Add(name))
            {
                continue;
            }

            string? code = null;
            if (random.Next(10) < 7)
            {
                var body = "91120" + random.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    + new string(Enumerable.Range(0, 9).Select(_ => CodeAlphabet[random.Next(CodeAlphabet.Length)]).ToArray());
                code = body + EmployerIdentity.CheckCharacter(body);
            }

            result.Add(new Employer(name, code));
        }

        return result;
    }

    private static IEnumerable<EnterpriseVisitRecorded> LeadershipVisits(Random random, string institutionId, int year, List<Employer> employers)
    {
        var plan = employers.Select(e => (Employer: e, Unit: (string?)null)).ToList();
        plan.AddRange(Repeats(random, plan, 14));
        return Visits(random, institutionId, year, VisitTier.Leadership, "L", plan, LeadershipPositions);
    }

    private static IEnumerable<EnterpriseVisitRecorded> UnitVisitsOf(Random random, string institutionId, int year, List<Employer> employers)
    {
        var plan = new List<(Employer Employer, string? Unit)>();
        var next = 0;
        foreach (var (unit, count) in UnitVisits)
        {
            plan.AddRange(employers.Skip(next).Take(count).Select(e => (e, (string?)unit)));
            next += count;
        }

        // A few employers are also visited by a second unit: they count for both units, once for the institution.
        for (var i = 0; i < 6; i++)
        {
            var (employer, unit) = plan[random.Next(plan.Count)];
            var other = UnitVisits[(Array.FindIndex(UnitVisits, u => u.Unit == unit) + 1 + i) % UnitVisits.Length].Unit;
            plan.Add((employer, other));
        }

        plan.AddRange(Repeats(random, plan, 20));
        return Visits(random, institutionId, year, VisitTier.Unit, "U", plan, UnitPositions);
    }

    /// <summary>Second visits to employers already planned, some under a variant of the name (full-width brackets, spaces).</summary>
    private static IEnumerable<(Employer Employer, string? Unit)> Repeats(Random random, List<(Employer Employer, string? Unit)> plan, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (employer, unit) = plan[random.Next(plan.Count)];
            var variant = (i % 3) switch
            {
                0 => employer with { Name = employer.Name.Replace('（', '(').Replace('）', ')') + " " },
                1 => employer with { Name = employer.Name.Insert(2, " "), Code = null },
                _ => employer,
            };
            yield return (variant, unit);
        }
    }

    private static IEnumerable<EnterpriseVisitRecorded> Visits(Random random, string institutionId, int year, VisitTier tier, string prefix, List<(Employer Employer, string? Unit)> plan, int positions)
    {
        var weights = plan.Select(_ => 1 + random.Next(12)).ToArray();
        var shares = Apportion(positions, weights);
        var dates = plan.Select(_ => RandomDay(random, year)).ToArray();
        for (var i = 0; i < plan.Count; i++)
        {
            var (employer, unit) = plan[i];
            yield return new EnterpriseVisitRecorded(
                $"demo-{year}-{prefix}-{i + 1:D4}",
                institutionId,
                tier,
                unit,
                employer.Name,
                employer.Code,
                dates[i],
                random.Next(4) == 0 ? VisitMode.Incoming : VisitMode.Outgoing,
                shares[i]);
        }
    }

    private static DateOnly RandomDay(Random random, int year)
    {
        var pick = random.Next(MonthWeights.Sum());
        var month = 0;
        while (pick >= MonthWeights[month])
        {
            pick -= MonthWeights[month];
            month++;
        }

        return new DateOnly(year, month + 1, 1 + random.Next(DateTime.DaysInMonth(year, month + 1)));
    }

    /// <summary>Splits a total into integer parts proportional to the weights (largest remainder), summing exactly.</summary>
    private static int[] Apportion(int total, int[] weights)
    {
        var sum = weights.Sum();
        var parts = weights.Select(w => total * w / sum).ToArray();
        var order = weights.Select((w, i) => (Remainder: total * w % sum, Index: i)).OrderByDescending(x => x.Remainder).ThenBy(x => x.Index).ToArray();
        var missing = total - parts.Sum();
        for (var i = 0; i < missing; i++)
        {
            parts[order[i % order.Length].Index]++;
        }

        return parts;
    }

    private static (List<GraduateRegistered>, List<GraduateWithdrawn>, List<GraduateDestinationReported>) CohortOf(Random random, string institutionId, int year)
    {
        string[] categories = ["LowIncome", "PovertyAlleviated", "ZeroEmploymentFamily", "Disability", "LongTermUnemployed", "Other"];
        var graduates = new List<GraduateRegistered>();
        var unplaced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (unit, size, disadvantaged, unplacedCount, disadvantagedUnplaced) in Cohort)
        {
            for (var i = 0; i < size; i++)
            {
                var id = $"{year}{unit}{i + 1:D4}";
                var isDisadvantaged = i < disadvantaged;
                graduates.Add(new GraduateRegistered(institutionId, year, id, unit, null, isDisadvantaged ? [categories[i % categories.Length]] : []));
                if (i < disadvantagedUnplaced || (i >= disadvantaged && i < disadvantaged + unplacedCount - disadvantagedUnplaced))
                {
                    unplaced.Add(id);
                }
            }
        }

        var reports = new List<GraduateDestinationReported>();
        void Report(string graduateId, Destination destination, DateOnly on) =>
            reports.Add(new GraduateDestinationReported(
                $"demo-{year}-R-{reports.Count + 1:D5}",
                institutionId,
                year,
                graduateId,
                destination,
                on,
                new DateTimeOffset(on.AddDays(random.Next(4)).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)),
                null,
                null));

        var placed = graduates.Where(g => !unplaced.Contains(g.GraduateId)).OrderBy(_ => random.Next()).ToList();
        var destinations = PlacedDestinations().OrderBy(_ => random.Next()).ToList();
        var finalDay = new DateOnly(year, 8, 30);
        for (var i = 0; i < placed.Count; i++)
        {
            var on = DayForShare(year, (i + 1m) * PlacementCurve[^1].Share / placed.Count);
            if (on > new DateOnly(year, 4, 15) && i % 8 == 0)
            {
                Report(placed[i].GraduateId, Destination.Unplaced, new DateOnly(year, 4, 1));
            }

            Report(placed[i].GraduateId, destinations[i], on);
        }

        var unplacedList = graduates.Where(g => unplaced.Contains(g.GraduateId)).ToList();
        for (var i = 0; i < unplacedList.Count; i++)
        {
            var id = unplacedList[i].GraduateId;
            if (i < 10)
            {
                // Placed in May, then the offer fell through: a later report revokes the placement.
                Report(id, Destination.ContractEmployment, new DateOnly(year, 5, 10 + i));
                Report(id, Destination.Unplaced, new DateOnly(year, 7, 10 + i));
            }
            else
            {
                Report(id, i % 8 == 0 ? Destination.NotSeekingEmployment : Destination.Unplaced, finalDay.AddDays(-(i % 60)));
            }
        }

        var withdrawals = new List<GraduateWithdrawn>();
        for (var i = 0; i < Withdrawn; i++)
        {
            var id = $"{year}W{i + 1:D4}";
            graduates.Add(new GraduateRegistered(institutionId, year, id, Cohort[i % Cohort.Length].Unit, null, []));
            Report(id, Destination.Unplaced, new DateOnly(year, 5, 1));
            withdrawals.Add(new GraduateWithdrawn(institutionId, year, id, "延期毕业"));
        }

        for (var i = 0; i < OrphanReports; i++)
        {
            Report($"{year}X{i + 1:D4}", Destination.ContractEmployment, new DateOnly(year, 6, 1 + i));
        }

        return (graduates, withdrawals, reports);
    }

    private static IEnumerable<Destination> PlacedDestinations()
    {
        (Destination Destination, int Count)[] mix =
        [
            (Destination.FurtherStudy, FurtherStudy), (Destination.Military, 18), (Destination.NationalGrassrootsProject, 6),
            (Destination.LocalGrassrootsProject, 10), (Destination.Entrepreneurship, 25), (Destination.StudyAbroad, 12),
            (Destination.Freelance, 60), (Destination.ResearchAssistant, 5), (Destination.OtherEmployment, 300),
            (Destination.ContractEmployment, 800),
        ];
        var rest = Placed - mix.Sum(m => m.Count);
        return mix.Append((Destination: Destination.AgreementEmployment, Count: rest)).SelectMany(m => Enumerable.Repeat(m.Destination, m.Count));
    }

    private static DateOnly DayForShare(int year, decimal share)
    {
        for (var i = 1; i < PlacementCurve.Length; i++)
        {
            var (m0, d0, s0) = PlacementCurve[i - 1];
            var (m1, d1, s1) = PlacementCurve[i];
            if (share <= s1)
            {
                var from = new DateOnly(year, m0, d0);
                var to = new DateOnly(year, m1, d1);
                var days = (int)Math.Ceiling((to.DayNumber - from.DayNumber) * (share - s0) / (s1 - s0));
                return from.AddDays(Math.Max(1, days));
            }
        }

        return new DateOnly(year, 8, 30);
    }
}
