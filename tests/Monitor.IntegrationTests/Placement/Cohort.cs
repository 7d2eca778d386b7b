using System.Globalization;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;

namespace Monitor.IntegrationTests.Placement;

/// <summary>A 2024 cohort's events: roster, withdrawals and destination reports, and a plain count of its rate.</summary>
public sealed record Cohort(
    IReadOnlyList<GraduateRegistered> Graduates,
    IReadOnlyList<GraduateWithdrawn> Withdrawals,
    IReadOnlyList<GraduateDestinationReported> Reports)
{
    public const int Year = 2024;

    private static readonly TimeSpan Tianjin = TimeSpan.FromHours(8);

    private static readonly Destination[] PlacedDestinations =
    [
        Destination.AgreementEmployment, Destination.ContractEmployment, Destination.OtherEmployment, Destination.ResearchAssistant,
        Destination.Military, Destination.NationalGrassrootsProject, Destination.LocalGrassrootsProject, Destination.Entrepreneurship,
        Destination.Freelance, Destination.FurtherStudy, Destination.StudyAbroad,
    ];

    public static GraduateRegistered Graduate(string id, string unit, params string[] disadvantaged) =>
        new(WorkerEnvironment.Institution, Year, id, unit, "机电一体化技术", disadvantaged);

    public static GraduateDestinationReported Report(string reportId, string graduateId, Destination destination, DateOnly effectiveOn, DateTimeOffset reportedAt) =>
        new(reportId, WorkerEnvironment.Institution, Year, graduateId, destination, effectiveOn, reportedAt, destination == Destination.ContractEmployment ? "天津某某制造有限公司" : null, null);

    /// <summary>
    /// A cohort across seven secondary colleges, every fifth graduate disadvantaged, with every kind of history: no report,
    /// unplaced, placed, placement revoked by a later Unplaced report, placed after being unplaced, same-day reports
    /// decided by ReportedAt and by ReportId, and an older report that arrives late; two withdrawals and one report for
    /// a graduate who is never registered.
    /// </summary>
    public static Cohort Generate(int size, int seed)
    {
        var random = new Random(seed);
        string[] units = ["JX", "DZ", "RG", "XN", "CL", "JG", "YS"];
        string[] categories = ["LowIncome", "PovertyAlleviated", "ZeroEmploymentFamily", "Disability", "LongTermUnemployed", "Other"];
        var graduates = new List<GraduateRegistered>();
        var reports = new List<GraduateDestinationReported>();
        for (var i = 1; i <= size; i++)
        {
            var id = $"2024{i:D4}";
            graduates.Add(Graduate(id, units[i % units.Length], i % 5 == 0 ? [categories[i % categories.Length]] : []));
            var day = new DateOnly(2024, 3, 1).AddDays(random.Next(0, 90));
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), Tianjin).AddMinutes(random.Next(0, 600));
            var placed = PlacedDestinations[random.Next(PlacedDestinations.Length)];
            var r = (string suffix) => $"r-{id}-{suffix}";
            switch (random.Next(10))
            {
                case 0:
                    break;
                case 1:
                    reports.Add(Report(r("a"), id, Destination.Unplaced, day, at));
                    break;
                case 2:
                    reports.Add(Report(r("a"), id, placed, day, at));
                    reports.Add(Report(r("b"), id, Destination.Unplaced, day.AddDays(10), at.AddDays(10)));
                    break;
                case 3:
                    reports.Add(Report(r("a"), id, Destination.NotSeekingEmployment, day, at));
                    reports.Add(Report(r("b"), id, placed, day.AddDays(12), at.AddDays(12)));
                    break;
                case 4:
                    reports.Add(Report(r("a"), id, placed, day, at.AddHours(2)));
                    reports.Add(Report(r("b"), id, Destination.Unplaced, day, at));
                    break;
                case 5:
                    reports.Add(Report(r("b"), id, Destination.Unplaced, day, at));
                    reports.Add(Report(r("a"), id, placed, day, at));
                    break;
                case 6:
                    reports.Add(Report(r("a"), id, placed, day.AddDays(5), at.AddDays(5)));
                    reports.Add(Report(r("b"), id, Destination.Unplaced, day, at.AddDays(15)));
                    break;
                default:
                    reports.Add(Report(r("a"), id, placed, day, at));
                    break;
            }
        }

        reports.Add(Report("r-ghost-a", "20249999", Destination.ContractEmployment, new DateOnly(2024, 5, 2), new DateTimeOffset(2024, 5, 2, 10, 0, 0, Tianjin)));
        GraduateWithdrawn[] withdrawals =
        [
            new(WorkerEnvironment.Institution, Year, graduates[10].GraduateId, "延期毕业"),
            new(WorkerEnvironment.Institution, Year, graduates[25].GraduateId, "退学"),
        ];
        return new Cohort(graduates, withdrawals, reports);
    }

    /// <summary>
    /// The rate counted plainly: each registered, not withdrawn graduate's latest report (by EffectiveOn, then
    /// ReportedAt, then ReportId) decides; placed is anything but Unplaced and NotSeekingEmployment.
    /// </summary>
    public (int Placed, int Graduates, decimal Rate) Count(bool disadvantagedOnly, string? unit)
    {
        var withdrawn = Withdrawals.Select(w => w.GraduateId).ToHashSet(StringComparer.Ordinal);
        var placed = 0;
        var counted = 0;
        foreach (var graduate in Graduates)
        {
            if (withdrawn.Contains(graduate.GraduateId) || (disadvantagedOnly && graduate.Disadvantaged.Count == 0) || (unit is not null && graduate.UnitCode != unit))
            {
                continue;
            }

            counted++;
            var latest = Reports
                .Where(r => r.GraduateId == graduate.GraduateId)
                .OrderByDescending(r => r.EffectiveOn)
                .ThenByDescending(r => r.ReportedAt)
                .ThenByDescending(r => r.ReportId, StringComparer.Ordinal)
                .FirstOrDefault();
            if (latest is not null && latest.Destination is not (Destination.Unplaced or Destination.NotSeekingEmployment))
            {
                placed++;
            }
        }

        return (placed, counted, counted == 0 ? 0m : Math.Round(placed * 100m / counted, 2, MidpointRounding.AwayFromZero));
    }

    /// <summary>Publishes through a worker's bus and waits until its store holds the whole cohort.</summary>
    public async Task PublishAsync(WorkerEnvironment env, IEnumerable<object> messages)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            await env.Worker.Bus.Publish(message);
        }

        await WaitUntilStoredAsync(env);
    }

    public async Task WaitUntilStoredAsync(WorkerEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        await Eventually.UntilAsync(
            () => env.Worker.Placement.GetCohortAsync(WorkerEnvironment.Institution, Year, CancellationToken.None),
            facts => facts.Graduates.Count == Graduates.Count && facts.WithdrawnGraduateIds.Count == Withdrawals.Count && facts.Reports.Count == Reports.Count,
            string.Create(CultureInfo.InvariantCulture, $"{Graduates.Count} graduates, {Withdrawals.Count} withdrawals and {Reports.Count} reports are stored"),
            TimeSpan.FromSeconds(60));
    }
}
