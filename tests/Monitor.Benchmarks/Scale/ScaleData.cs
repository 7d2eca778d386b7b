using System.Globalization;
using System.Text.Json;
using Monitor.Messages;
using Monitor.Worker.Visits;

namespace Monitor.Benchmarks.Scale;

/// <summary>
/// The generated world: institutions of ten units each, their four targets (the work report's), and per institution a
/// cohort of graduates with their destination reports and a year of enterprise visits. Every value comes from the
/// institution's and row's numbers through <see cref="Mix"/>, so a data set is the same on every run, and a slice of it
/// (graduates and visits whose number ends in a given digit) is the same whichever slices were loaded before.
/// </summary>
public sealed class ScaleData(int institutions, int year)
{
    public const int Units = 10;
    public const int GraduatesPerInstitution = 3_000;
    public const int VisitsPerInstitution = 200;

    /// <summary>Reports for graduates not on the roster, per institution (a data-quality figure, never dropped).</summary>
    public const int OrphansPerInstitution = 3;

    private const int EmployerPool = 2_000;

    private static readonly Destination[] Placed =
    [
        Destination.ContractEmployment, Destination.ContractEmployment, Destination.ContractEmployment, Destination.AgreementEmployment,
        Destination.AgreementEmployment, Destination.OtherEmployment, Destination.FurtherStudy, Destination.FurtherStudy,
        Destination.Freelance, Destination.Entrepreneurship, Destination.Military, Destination.LocalGrassrootsProject,
    ];

    private static readonly string[] Industries = ["智能制造", "电子科技", "新能源", "物流", "食品", "化工", "软件", "建筑工程", "医药", "文化传媒"];
    private static readonly string[] Cities = ["天津", "北京", "河北", "山东", "江西", "广东", "四川", "陕西"];

    public int Institutions { get; } = institutions;

    public int Year { get; } = year;

    /// <summary>The last day any generated event happens on (the end of November).</summary>
    public DateOnly LastDay => new(Year, 11, 30);

    public static string InstitutionId(int k) => string.Create(CultureInfo.InvariantCulture, $"c{k + 1:D4}");

    public static string UnitCode(int u) => string.Create(CultureInfo.InvariantCulture, $"U{u + 1:D2}");

    /// <summary>Every 50th institution keeps Xinjiang time; the others Beijing time.</summary>
    public static string TimeZone(int k) => k % 50 == 49 ? "Asia/Urumqi" : "Asia/Shanghai";

    /// <summary>The institutions file (the worker's format).</summary>
    public void WriteInstitutions(string path)
    {
        var entries = Enumerable.Range(0, Institutions).Select(k => new
        {
            id = InstitutionId(k),
            name = string.Create(CultureInfo.InvariantCulture, $"第{k + 1}职业技术学院"),
            shortName = string.Create(CultureInfo.InvariantCulture, $"第{k + 1}职院"),
            timeZone = TimeZone(k),
            units = Enumerable.Range(0, Units).Select(u => new { code = UnitCode(u), name = string.Create(CultureInfo.InvariantCulture, $"第{u + 1}二级学院") }),
        });
        File.WriteAllText(path, JsonSerializer.Serialize(new { institutions = entries }));
    }

    /// <summary>
    /// The targets file: the work report's four targets for every institution (<paramref name="institutionsWithTargets"/>
    /// limits them to the first few, for runs that only ingest). The year's calendar; the placement rate is measured on
    /// 31 December so that it is still running when the benchmark runs in December.
    /// </summary>
    public void WriteTargets(string path, int? institutionsWithTargets = null)
    {
        var y = Year;
        string Day(int month, int day) => new DateOnly(y, month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var targets = new List<object>();
        for (var k = 0; k < (institutionsWithTargets ?? Institutions); k++)
        {
            var id = InstitutionId(k);
            targets.Add(new { id = $"{id}-leadership-visits-{y}", name = "学院领导班子走访用人单位", institutionId = id, metric = "DistinctEmployersVisited", tier = "Leadership", threshold = 100, periodStart = Day(1, 1), deadline = Day(12, 31), pace = new { kind = "Linear" } });
            targets.Add(new { id = $"{id}-unit-visits-{y}", name = "二级学院和职能部门领导走访用人单位", institutionId = id, metric = "DistinctEmployersVisited", tier = "Unit", threshold = 200, periodStart = Day(1, 1), deadline = Day(12, 31), pace = new { kind = "Linear" }, perUnit = true });
            foreach (var disadvantaged in new[] { false, true })
            {
                targets.Add(new
                {
                    id = disadvantaged ? $"{id}-placement-disadvantaged-{y}" : $"{id}-placement-{y}",
                    name = disadvantaged ? $"{y} 届困难群体毕业生毕业去向落实率" : $"{y} 届高职毕业生毕业去向落实率",
                    institutionId = id,
                    metric = "PlacementRate",
                    cohortYear = y,
                    disadvantagedOnly = disadvantaged,
                    threshold = disadvantaged ? 97 : 95,
                    periodStart = Day(3, 1),
                    deadline = Day(12, 31),
                    pace = new
                    {
                        kind = "Milestones",
                        milestones = new[]
                        {
                            new { on = Day(6, 30), expected = disadvantaged ? 75 : 70 },
                            new { on = Day(8, 31), expected = disadvantaged ? 88 : 85 },
                            new { on = Day(10, 31), expected = disadvantaged ? 94 : 92 },
                            new { on = Day(12, 31), expected = disadvantaged ? 97 : 95 },
                        },
                    },
                    perUnit = true,
                });
            }
        }

        var defaults = new { tolerancePercent = 10, tolerancePoints = 2, recoveryMarginPercent = 3, recoveryMarginPoints = 0.5, remindEvery = "7.00:00:00", noDataAfterDays = 30, minimumGroupSize = 20, forecastWindowDays = 28 };
        File.WriteAllText(path, JsonSerializer.Serialize(new { source = "Monitor scale benchmark", defaults, targets }));
    }

    /// <summary>The roster of institution <paramref name="k"/> in <paramref name="slice"/>.</summary>
    public IEnumerable<GraduateRegistered> Graduates(int k, Slice slice)
    {
        var institution = InstitutionId(k);
        for (var j = 0; j < GraduatesPerInstitution; j++)
        {
            if (slice.Contains(j))
            {
                yield return Graduate(institution, k, j);
            }
        }
    }

    /// <summary>One graduate in 200 is withdrawn (延期毕业).</summary>
    public IEnumerable<GraduateWithdrawn> Withdrawals(int k, Slice slice)
    {
        var institution = InstitutionId(k);
        for (var j = 199; j < GraduatesPerInstitution; j += 200)
        {
            if (slice.Contains(j))
            {
                yield return new GraduateWithdrawn(institution, Year, GraduateId(j), "延期毕业");
            }
        }
    }

    /// <summary>
    /// Every graduate's first report (nine in ten eventually placed), a second, later one for about one graduate in
    /// five (a placement found, changed or revoked), and the institution's orphan reports in the first slice.
    /// </summary>
    public IEnumerable<GraduateDestinationReported> Reports(int k, Slice slice)
    {
        var institution = InstitutionId(k);
        for (var j = 0; j < GraduatesPerInstitution; j++)
        {
            if (!slice.Contains(j))
            {
                continue;
            }

            var seed = Seed(k, j, 2);
            var firstOn = ReportDay(seed);
            var firstPlaced = Mix(seed + 1) % 100 < 86;
            var first = Destinations(seed + 2, firstPlaced);
            yield return Report(institution, $"R{j:D5}-1", GraduateId(j), first, firstOn, seed + 3);
            if (Mix(seed + 4) % 100 < 22)
            {
                var later = firstOn.AddDays((int)(Mix(seed + 5) % 90));
                var secondOn = later > LastDay ? firstOn : later;
                var placed = firstPlaced ? Mix(seed + 6) % 10 != 0 : Mix(seed + 6) % 10 < 8;
                yield return Report(institution, $"R{j:D5}-2", GraduateId(j), Destinations(seed + 7, placed), secondOn, seed + 8);
            }
        }

        if (slice.Contains(0))
        {
            for (var o = 0; o < OrphansPerInstitution; o++)
            {
                var seed = Seed(k, o, 3);
                yield return Report(institution, $"R-orphan-{o}", $"X{o:D4}", Destinations(seed, true), ReportDay(seed), seed + 1);
            }
        }
    }

    /// <summary>A third of the visits by the leadership, the rest by the units; employers from a pool of 400 around the institution, two in three with a credit code that some records leave out, names written in varying ways.</summary>
    public IEnumerable<EnterpriseVisitRecorded> Visits(int k, Slice slice)
    {
        var institution = InstitutionId(k);
        for (var i = 0; i < VisitsPerInstitution; i++)
        {
            if (slice.Contains(i))
            {
                yield return Visit(institution, k, i, string.Create(CultureInfo.InvariantCulture, $"V{i:D4}"), Seed(k, i, 4));
            }
        }
    }

    /// <summary>Two visits per institution cancelled as recorded in error.</summary>
    public static IEnumerable<EnterpriseVisitCancelled> Cancellations(int k, Slice slice)
    {
        var institution = InstitutionId(k);
        foreach (var i in new[] { 5, 77 })
        {
            if (slice.Contains(i))
            {
                yield return new EnterpriseVisitCancelled(string.Create(CultureInfo.InvariantCulture, $"V{i:D4}"), institution, "误录");
            }
        }
    }

    /// <summary>Visits as a producer publishes them, for the ingest measurement: ids of their own, spread over the institutions.</summary>
    public EnterpriseVisitRecorded IngestVisit(int n) =>
        Visit(InstitutionId(n % Institutions), n % Institutions, n, string.Create(CultureInfo.InvariantCulture, $"ING-V{n:D7}"), Seed(n, 0, 5));

    /// <summary>A registration and its graduate's report, as producers publish them, for the ingest measurement.</summary>
    public (GraduateRegistered Graduate, GraduateDestinationReported Report) IngestGraduate(int n)
    {
        var k = n % Institutions;
        var institution = InstitutionId(k);
        var graduate = Graduate(institution, k, n) with { GraduateId = string.Create(CultureInfo.InvariantCulture, $"ING-G{n:D7}") };
        var seed = Seed(n, 0, 6);
        var report = Report(institution, string.Create(CultureInfo.InvariantCulture, $"ING-R{n:D7}"), graduate.GraduateId, Destinations(seed, Mix(seed + 1) % 100 < 86), ReportDay(seed), seed + 2);
        return (graduate, report);
    }

    private GraduateRegistered Graduate(string institution, int k, int j)
    {
        var seed = Seed(k, j, 1);
        string[] disadvantaged = Mix(seed) % 100 < 7 ? [(Mix(seed + 1) % 3) switch { 0 => "LowIncome", 1 => "PovertyAlleviated", _ => "Disability" }] : [];
        // Ten graduates in a row share a unit, so every slice (the last digit) spreads over all units.
        return new GraduateRegistered(institution, Year, GraduateId(j), UnitCode(j / 10 % Units), null, disadvantaged);
    }

    private EnterpriseVisitRecorded Visit(string institution, int k, int i, string visitId, ulong seed)
    {
        var leadership = i % 3 == 0;
        var employer = (int)(((ulong)k * 131 + (Mix(seed) % 400)) % EmployerPool);
        var coded = employer % 3 != 0;
        var code = coded && Mix(seed + 1) % 5 != 0 ? CreditCode(employer) : null;
        var visitedOn = new DateOnly(Year, 1, 1).AddDays((int)(Mix(seed + 2) % (ulong)(LastDay.DayNumber - new DateOnly(Year, 1, 1).DayNumber + 1)));
        return new EnterpriseVisitRecorded(
            visitId,
            institution,
            leadership ? VisitTier.Leadership : VisitTier.Unit,
            leadership ? null : UnitCode((int)(Mix(seed + 3) % Units)),
            EmployerName(employer, (int)(Mix(seed + 4) % 4)),
            code,
            visitedOn,
            Mix(seed + 5) % 4 == 0 ? VisitMode.Incoming : VisitMode.Outgoing,
            (int)(Mix(seed + 6) % 40) + (k % 3));
    }

    private GraduateDestinationReported Report(string institution, string reportId, string graduateId, Destination destination, DateOnly effectiveOn, ulong seed) =>
        new(
            reportId,
            institution,
            Year,
            graduateId,
            destination,
            effectiveOn,
            new DateTimeOffset(effectiveOn.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)).AddMinutes(Mix(seed) % 600),
            DestinationsWithEmployer(destination) ? EmployerName((int)(Mix(seed + 1) % EmployerPool), 0) : null,
            null);

    /// <summary>Reports come from March to November, most of them from May to July.</summary>
    private DateOnly ReportDay(ulong seed)
    {
        var start = new DateOnly(Year, 3, 1);
        var span = LastDay.DayNumber - start.DayNumber;
        var a = Mix(seed + 11) % (ulong)span;
        var b = Mix(seed + 12) % (ulong)span;
        return start.AddDays((int)((a + b) / 2));
    }

    private static Destination Destinations(ulong seed, bool placed) =>
        placed ? Placed[Mix(seed) % (ulong)Placed.Length] : Mix(seed) % 10 < 7 ? Destination.Unplaced : Destination.NotSeekingEmployment;

    private static bool DestinationsWithEmployer(Destination d) =>
        d is Destination.ContractEmployment or Destination.AgreementEmployment or Destination.OtherEmployment;

    private static string GraduateId(int j) => string.Create(CultureInfo.InvariantCulture, $"G{j:D5}");

    /// <summary>The same employer written four ways that all normalise to one name: full-width or half-width brackets, an inserted space.</summary>
    private static string EmployerName(int employer, int variant)
    {
        var city = Cities[employer % Cities.Length];
        var industry = Industries[(employer / Cities.Length) % Industries.Length];
        var number = employer.ToString(CultureInfo.InvariantCulture);
        return variant switch
        {
            0 => $"{industry}{number}号（{city}）有限公司",
            1 => $"{industry}{number}号({city})有限公司",
            2 => $"{industry} {number}号（{city}）有限公司",
            _ => $"{industry}{number}号（{city}） 有限公司",
        };
    }

    private static string CreditCode(int employer)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"91{employer:D6}00000MA05");
        return first17 + EmployerIdentity.CheckCharacter(first17);
    }

    private static ulong Seed(int a, int b, int stream) => ((ulong)(uint)a << 32) ^ ((ulong)(uint)b << 4) ^ (ulong)stream;

    /// <summary>SplitMix64's finaliser: a well-spread number from any seed, with no state to carry.</summary>
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

/// <summary>Rows whose number's last digit is in [<see cref="From"/>, <see cref="To"/>): tenths of the data set.</summary>
public readonly record struct Slice(int From, int To)
{
    public static readonly Slice All = new(0, 10);

    public bool Contains(int row) => row % 10 >= From && row % 10 < To;

    /// <summary>The part of the data from <paramref name="fromPercent"/> up to <paramref name="toPercent"/>.</summary>
    public static Slice Between(int fromPercent, int toPercent) => new(fromPercent / 10, toPercent / 10);
}
