using System.Globalization;
using System.Text.Json;
using Monitor.Messages;

namespace Monitor.DamageTests;

/// <summary>
/// Known inputs and the figures they must give, counted here independently of the worker: distinct employers by the
/// employer each visit was generated for (its credit code left out of some visits, as producers do), visits cancelled,
/// and each graduate's latest report by effective date, report time and id, without the withdrawn (unless reinstated).
/// Dates fall in the suite's own year (<see cref="Year"/>), whose targets are written by <see cref="Scenario"/>.
/// </summary>
public sealed class EventSet
{
    public const int Year = 2026;

    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly string[] VisitUnits = ["JX", "DZ", "RG", "XN", "CL", "JG", "YS", "ZJ"];
    private static readonly string[] RosterUnits = ["JX", "DZ", "RG", "XN", "CL", "JG", "YS"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private readonly List<(string Exchange, string Json)> events = [];
    private readonly List<(EnterpriseVisitRecorded Visit, int Employer)> visits = [];
    private readonly HashSet<string> cancelled = [];
    private readonly List<(GraduateRegistered Graduate, bool Disadvantaged)> graduates = [];
    private readonly HashSet<string> withdrawn = [];
    private readonly HashSet<string> reinstated = [];
    private readonly List<GraduateDestinationReported> reports = [];

    /// <summary>About <paramref name="size"/> events: half visits, a fifth graduates, and their cancellations, withdrawals, reinstatements and reports.</summary>
    public EventSet(string prefix, int size, int seed)
    {
        var random = new Random(seed);
        var employers = Math.Max(10, size / 8);
        var first = new DateOnly(Year, 1, 5);
        for (var i = 0; i < size / 2; i++)
        {
            var employer = random.Next(employers);
            var leadership = random.Next(10) < 4;
            var withCode = employer % 2 == 0 && random.Next(10) < 7;
            var visit = new EnterpriseVisitRecorded(
                $"{prefix}-v{i}", "tjqg", leadership ? VisitTier.Leadership : VisitTier.Unit, leadership ? null : VisitUnits[random.Next(VisitUnits.Length)],
                $"天津损伤测试{employer:D5}有限公司", withCode ? CreditCode(employer) : null, first.AddDays(random.Next(320)),
                random.Next(2) == 0 ? VisitMode.Outgoing : VisitMode.Incoming, random.Next(21));
            visits.Add((visit, employer));
            Add("EnterpriseVisitRecorded", visit);
            if (random.Next(100) < 5)
            {
                cancelled.Add(visit.VisitId);
                Add("EnterpriseVisitCancelled", new EnterpriseVisitCancelled(visit.VisitId, "tjqg", "误录"));
            }
        }

        string[] categories = ["LowIncome", "PovertyAlleviated", "ZeroEmploymentFamily", "Disability", "LongTermUnemployed", "Other"];
        var report = 0;
        for (var g = 0; g < size / 5; g++)
        {
            var disadvantaged = random.Next(10) == 0;
            var graduate = new GraduateRegistered("tjqg", Year, $"{prefix}-g{g}", RosterUnits[random.Next(RosterUnits.Length)], "机电一体化技术", disadvantaged ? [categories[random.Next(categories.Length)]] : []);
            graduates.Add((graduate, disadvantaged));
            Add("GraduateRegistered", graduate);
            if (random.Next(100) < 2)
            {
                withdrawn.Add(graduate.GraduateId);
                Add("GraduateWithdrawn", new GraduateWithdrawn("tjqg", Year, graduate.GraduateId, "延期毕业"));
                if (random.Next(2) == 0)
                {
                    reinstated.Add(graduate.GraduateId);
                    Add("GraduateReinstated", new GraduateReinstated("tjqg", Year, graduate.GraduateId, "误报延期毕业"));
                }
            }

            if (random.Next(100) < 92)
            {
                var on = new DateOnly(Year, 3, 1).AddDays(random.Next(200));
                Report(graduate.GraduateId, (Destination)random.Next((int)Destination.Unplaced), on);
                if (random.Next(10) == 0)
                {
                    Report(graduate.GraduateId, Destination.Unplaced, on.AddDays(1 + random.Next(30)));
                }
            }
        }

        // Out of order, as several producers and queues deliver them.
        var shuffled = events.OrderBy(_ => random.Next()).ToList();
        events.Clear();
        events.AddRange(shuffled);

        void Report(string graduateId, Destination destination, DateOnly on)
        {
            var r = new GraduateDestinationReported($"{prefix}-r{report++}", "tjqg", Year, graduateId, destination, on, new DateTimeOffset(on.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).AddMinutes(report % 600), null, null);
            reports.Add(r);
            Add("GraduateDestinationReported", r);
        }
    }

    public IReadOnlyList<(string Exchange, string Json)> Events => events;

    /// <summary>Rows the store must hold: visits, cancellations, graduates, withdrawals, reinstatements, reports.</summary>
    public int Expected => events.Count;

    /// <summary>The figures the worker must report, by target id and unit code ("" for the institution): (actual, numerator, denominator).</summary>
    public IReadOnlyDictionary<(string Target, string Unit), (decimal Actual, int? Numerator, int? Denominator)> Figures()
    {
        var figures = new Dictionary<(string, string), (decimal, int?, int?)>();
        var active = visits.Where(v => !cancelled.Contains(v.Visit.VisitId)).ToList();
        figures[($"leadership-visits-{Year}", "")] = (active.Where(v => v.Visit.Tier == VisitTier.Leadership).Select(v => v.Employer).Distinct().Count(), null, null);
        var unitVisits = active.Where(v => v.Visit.Tier == VisitTier.Unit).ToList();
        figures[($"unit-visits-{Year}", "")] = (unitVisits.Select(v => v.Employer).Distinct().Count(), null, null);
        foreach (var unit in VisitUnits)
        {
            figures[($"unit-visits-{Year}", unit)] = (unitVisits.Where(v => v.Visit.UnitCode == unit).Select(v => v.Employer).Distinct().Count(), null, null);
        }

        var latest = reports.GroupBy(r => r.GraduateId).ToDictionary(
            g => g.Key,
            g => g.OrderBy(r => r.EffectiveOn).ThenBy(r => r.ReportedAt).ThenBy(r => r.ReportId, StringComparer.Ordinal).Last().Destination);
        var cohort = graduates.Where(g => !withdrawn.Contains(g.Graduate.GraduateId) || reinstated.Contains(g.Graduate.GraduateId)).ToList();
        void Rate(string target, string unit, IEnumerable<(GraduateRegistered Graduate, bool Disadvantaged)> members)
        {
            var list = members.ToList();
            var placed = list.Count(m => latest.TryGetValue(m.Graduate.GraduateId, out var d) && d is not (Destination.Unplaced or Destination.NotSeekingEmployment));
            figures[(target, unit)] = (list.Count == 0 ? 0 : Math.Round(placed * 100m / list.Count, 2), placed, list.Count);
        }

        Rate($"placement-{Year}", "", cohort);
        Rate($"placement-disadvantaged-{Year}", "", cohort.Where(m => m.Disadvantaged));
        foreach (var unit in RosterUnits)
        {
            Rate($"placement-{Year}", unit, cohort.Where(m => m.Graduate.UnitCode == unit));
        }

        return figures;
    }

    private void Add<T>(string type, T message) => events.Add(($"Monitor.Messages:{type}", JsonSerializer.Serialize(message, Json)));

    /// <summary>A made-up unified social credit code with a valid check character (GB 32100-2015).</summary>
    private static string CreditCode(int employer)
    {
        var body = "91120116MA" + employer.ToString("D7", CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(body[i], StringComparison.Ordinal) * Weights[i];
        }

        return body + Alphabet[(31 - (sum % 31)) % 31];
    }
}
