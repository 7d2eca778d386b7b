using Monitor.Messages;
using Monitor.Worker.Placement;
using Monitor.Worker.Targets;
using Monitor.Worker.Visits;

namespace Monitor.IntegrationTests.Storage;

/// <summary>
/// The set-based figures (daily series per scope, computed where the facts are) against the evaluation's own
/// measurements built from the same store's facts (<see cref="VisitMeasurements"/>, <see cref="PlacementMeasurements"/>):
/// every scope, every day of the year and the days around it, on facts that exercise each rule — employer identity and
/// name matching, cancellations, the period's ends, latest reports and their ties, revocations, withdrawals, orphans.
/// </summary>
public abstract partial class StoreContract
{
    private static readonly string[] Units = ["U01", "U02", "U03", "U04"];
    private static readonly DateOnly BreakdownDay = new(2024, 7, 15);

    [Fact]
    public async Task When_visit_series_are_read_for_several_institutions_should_give_every_scope_the_evaluations_figures_on_every_day()
    {
        await RecordVisitFactsAsync(Institution);
        await RecordVisitFactsAsync(OtherInstitution);
        await RecordAsync(Visit("other-only", new DateOnly(2024, 9, 9)) with { InstitutionId = OtherInstitution, EmployerName = "只在别处的公司", EmployerCreditCode = null });

        foreach (var tier in new[] { VisitTier.Leadership, VisitTier.Unit })
        {
            var series = await Visits.GetVisitSeriesAsync([Institution, OtherInstitution], tier, FirstDay, LastDay, None);
            foreach (var institution in new[] { Institution, OtherInstitution })
            {
                var facts = await Visits.GetActiveVisitsAsync(institution, FirstDay, LastDay, None);
                var employers = VisitMeasurements.Build(VisitTarget(institution, tier, MetricKind.DistinctEmployersVisited), facts, Units);
                var positions = VisitMeasurements.Build(VisitTarget(institution, tier, MetricKind.PositionsOpened), facts, Units);
                foreach (var (scope, measurement) in employers)
                {
                    var unit = scope == ScopeKeys.Institution ? null : scope;
                    var found = series.SingleOrDefault(s => s.InstitutionId == institution && s.UnitCode == unit);
                    var where = $"{tier} {institution} {(unit ?? "institution")}";
                    Assert.True(found is not null || measurement.LastEventOn is null, $"{where}: no series, though it has visits");
                    Assert.Equal(measurement.LastEventOn, found?.LastVisitOn);
                    Assert.Equal(measurement.PositionsOpened, found?.PositionsOpened ?? 0);
                    foreach (var day in Days())
                    {
                        Assert.True(measurement.ValueOn(day) == (found?.EmployersOn(day) ?? 0), $"{where} on {day}: {measurement.ValueOn(day)} employers, the series says {found?.EmployersOn(day)}");
                        Assert.True(positions[scope].ValueOn(day) == (found?.PositionsOn(day) ?? 0), $"{where} on {day}: positions differ");
                    }
                }

                // A unit series for every unit with visits of the tier, and nothing else.
                Assert.Equal(
                    facts.Where(v => v.Tier == tier && v.UnitCode is not null).Select(v => v.UnitCode).Distinct().Order(StringComparer.Ordinal),
                    series.Where(s => s.InstitutionId == institution && s.UnitCode is not null).Select(s => s.UnitCode));
            }
        }

        // The figures themselves, so that the two computations cannot be wrong together.
        var unitSeries = await Visits.GetVisitSeriesAsync([Institution], VisitTier.Unit, FirstDay, LastDay, None);
        var whole = unitSeries.Single(s => s.UnitCode is null);
        Assert.Equal((6, 1, 3), (whole.EmployersOn(LastDay), whole.EmployersOn(new DateOnly(2024, 2, 10)), whole.EmployersOn(new DateOnly(2024, 3, 2))));
        Assert.Equal((3, 4, 2), (unitSeries.Single(s => s.UnitCode == "U01").EmployersOn(LastDay), unitSeries.Single(s => s.UnitCode == "U02").EmployersOn(LastDay), unitSeries.Single(s => s.UnitCode == "U03").EmployersOn(LastDay)));
        var leadership = Assert.Single(await Visits.GetVisitSeriesAsync([Institution], VisitTier.Leadership, FirstDay, LastDay, None));
        Assert.Equal((1, 1, 17), (leadership.EmployersOn(new DateOnly(2024, 1, 15)), leadership.EmployersOn(LastDay), leadership.PositionsOpened));
        Assert.Empty(await Visits.GetVisitSeriesAsync([$"nobody-{run}"], VisitTier.Unit, FirstDay, LastDay, None));
    }

    [Fact]
    public async Task When_placement_series_are_read_for_several_institutions_should_give_every_scope_the_evaluations_figures_on_every_day()
    {
        await RecordPlacementFactsAsync(Institution);
        await RecordPlacementFactsAsync(OtherInstitution);
        await RegisterAsync(Graduate("only-there", "U04", "Other") with { InstitutionId = OtherInstitution });

        var series = await Placement.GetPlacementSeriesAsync([Institution, OtherInstitution], 2024, BreakdownDay, None);
        foreach (var institution in new[] { Institution, OtherInstitution })
        {
            var facts = await Placement.GetCohortAsync(institution, 2024, None);
            foreach (var disadvantagedOnly in new[] { false, true })
            {
                var measurements = PlacementMeasurements.Build(PlacementTarget(institution, disadvantagedOnly), facts, Units);
                Assert.Equal(
                    measurements.Keys.Order(StringComparer.Ordinal),
                    series.Where(s => s.InstitutionId == institution && s.DisadvantagedOnly == disadvantagedOnly).Select(s => s.UnitCode ?? ScopeKeys.Institution).Order(StringComparer.Ordinal));
                foreach (var (scope, measurement) in measurements)
                {
                    var unit = scope == ScopeKeys.Institution ? null : scope;
                    var found = series.Single(s => s.InstitutionId == institution && s.UnitCode == unit && s.DisadvantagedOnly == disadvantagedOnly);
                    var where = $"{institution} {(unit ?? "institution")}{(disadvantagedOnly ? " disadvantaged" : string.Empty)}";
                    Assert.Equal(measurement.Denominator, found.Counted);
                    Assert.Equal(measurement.LastEventOn, found.LastReportOn);
                    Assert.Equal(measurement.OrphanReports, found.OrphanReports);
                    Assert.Equal(measurement.BreakdownOn!(BreakdownDay).OrderBy(b => b.Key), found.Breakdown.OrderBy(b => b.Key));
                    foreach (var day in Days())
                    {
                        Assert.True(measurement.NumeratorOn!(day) == found.PlacedOn(day), $"{where} on {day}: {measurement.NumeratorOn(day)} placed, the series says {found.PlacedOn(day)}");
                    }
                }
            }
        }

        // The figures themselves: g1 placed, revoked, placed again; g2's tie on 1 May goes to the greater report id.
        var whole = series.Single(s => s.InstitutionId == Institution && s.UnitCode is null && !s.DisadvantagedOnly);
        Assert.Equal((4, 6, 3), (whole.Counted, whole.Registered, whole.OrphanReports));
        Assert.Equal(
            (0, 1, 0, 1, 2, 3),
            (whole.PlacedOn(new DateOnly(2024, 5, 9)), whole.PlacedOn(new DateOnly(2024, 5, 10)), whole.PlacedOn(new DateOnly(2024, 6, 1)),
             whole.PlacedOn(new DateOnly(2024, 6, 15)), whole.PlacedOn(new DateOnly(2024, 7, 1)), whole.PlacedOn(LastDay)));
        Assert.DoesNotContain(series, s => s.InstitutionId == Institution && s.UnitCode == "U03");
        Assert.Equal(1, series.Single(s => s.InstitutionId == Institution && s.UnitCode == "U01" && s.DisadvantagedOnly).Counted);
        Assert.Empty(await Placement.GetPlacementSeriesAsync([$"nobody-{run}"], 2024, BreakdownDay, None));
    }

    /// <summary>
    /// Unit visits: one company written three ways (brackets, a space, a lower-case full-width code) and once without its
    /// code; a name with two codes; a name matched to the earlier of two codes given the same day (by visit id); a
    /// name without a code written two ways; a cancelled visit; visits just outside the year. Leadership visits: a name
    /// matched to a code only the leadership's own later visit gives.
    /// </summary>
    private async Task RecordVisitFactsAsync(string institution)
    {
        const string Port = "91120116MA06A1B2C3";
        var portCode = Port[..17] + EmployerIdentity.CheckCharacter(Port[..17]);
        string Code(string first17) => first17 + EmployerIdentity.CheckCharacter(first17);
        var lowerFullWidth = string.Concat(portCode.Select(c => char.IsAsciiLetterOrDigit(c) ? (char)(char.ToLowerInvariant(c) + 0xFEE0) : c));
        EnterpriseVisitRecorded V(string id, string? unit, string name, string? code, DateOnly on, int positions, VisitTier tier = VisitTier.Unit) =>
            new(Id(id), institution, tier, unit, name, code, on, VisitMode.Outgoing, positions);

        var visits = new[]
        {
            V("a", "U01", "天津港（集团）有限公司", portCode, new DateOnly(2024, 2, 10), 5),
            V("b", "U02", "天津港(集团)有限公司", null, new DateOnly(2024, 2, 5), 2),
            V("c", "U01", "天津 港（集团）有限公司", lowerFullWidth, new DateOnly(2024, 4, 1), 1),
            V("d", "U03", "渤化集团", Code("91120116MA0000001"), new DateOnly(2024, 3, 1), 4),
            V("e", "U03", "渤化集团", Code("91120116MA0000002"), new DateOnly(2024, 3, 2), 0),
            V("f", "U01", "渤化集团", null, new DateOnly(2024, 3, 5), 3),
            V("g", "U02", "小微企业", null, new DateOnly(2024, 4, 1), 1),
            V("h", "U02", "小微 企业", null, new DateOnly(2024, 4, 3), 1),
            V("x-b", "U02", "同名公司", Code("91120116MA0000004"), new DateOnly(2024, 5, 5), 1),
            V("x-A", "U02", "同名公司", Code("91120116MA0000003"), new DateOnly(2024, 5, 5), 1),
            V("y", "U01", "同名公司", null, new DateOnly(2024, 5, 6), 1),
            V("cancelled", "U01", "取消公司", null, new DateOnly(2024, 1, 20), 50),
            V("before", "U01", "去年公司", null, new DateOnly(2023, 12, 31), 50),
            V("after", "U02", "明年公司", null, new DateOnly(2025, 1, 1), 50),
            V("l1", null, "天津港（集团）有限公司", null, new DateOnly(2024, 1, 15), 7, VisitTier.Leadership),
            V("l2", null, "天津港集团", portCode, new DateOnly(2024, 5, 1), 10, VisitTier.Leadership),
            V("l3", null, "天津港(集团)有限公司", portCode, new DateOnly(2024, 6, 1), 0, VisitTier.Leadership),
        };

        // Half one by one, half in a batch, in no particular order.
        foreach (var visit in visits.Where((_, i) => i % 2 == 0).Reverse())
        {
            await RecordAsync(visit);
        }

        await Visits.RecordVisitsAsync([.. visits.Where((_, i) => i % 2 == 1).Select(ToStore)], None);
        await CancelAsync(Id("cancelled"), institution);
    }

    /// <summary>
    /// g1 (U01, disadvantaged) placed on 10 May, revoked on 1 June, placed again on 1 July; g2 (U01) three reports on 1
    /// May — the last reported two at the same instant, the greater report id not placed — and placed on 15 June; g3
    /// (U02, disadvantaged) withdrawn though placed; g4 (U02) never reported; g5 (U02) placed after the breakdown's day;
    /// g6 (U03) withdrawn, so U03 has graduates on its roster, none counted and no scope; three orphan reports; other cohorts apart.
    /// </summary>
    private async Task RecordPlacementFactsAsync(string institution)
    {
        GraduateDestinationReported R(string id, string graduate, Destination destination, DateOnly on, int hour = 10) =>
            Report(id, graduate, destination, on) with { InstitutionId = institution, ReportedAt = new DateTimeOffset(on, new TimeOnly(hour, 0), TimeSpan.FromHours(8)) };

        foreach (var graduate in new[]
        {
            Graduate("g1", "U01", "LowIncome"), Graduate("g2", "U01"), Graduate("g3", "U02", "Disability"), Graduate("g4", "U02"),
            Graduate("g5", "U02", "ZeroEmploymentFamily"), Graduate("g6", "U03"),
        })
        {
            await RegisterAsync(graduate with { InstitutionId = institution });
        }

        await RegisterAsync(Graduate("g1", "U01") with { InstitutionId = institution, CohortYear = 2023 });
        foreach (var withdrawn in new[] { "g3", "g6" })
        {
            await WithdrawAsync(new GraduateWithdrawn(institution, 2024, Id(withdrawn), "延期毕业"));
        }

        var reports = new[]
        {
            R("r1", "g1", Destination.ContractEmployment, new DateOnly(2024, 5, 10)),
            R("r2", "g1", Destination.Unplaced, new DateOnly(2024, 6, 1)),
            R("r3", "g1", Destination.FurtherStudy, new DateOnly(2024, 7, 1)),
            R("r4", "g2", Destination.Unplaced, new DateOnly(2024, 5, 1), 9),
            R("r5", "g2", Destination.AgreementEmployment, new DateOnly(2024, 5, 1), 12),
            R("r6", "g2", Destination.NotSeekingEmployment, new DateOnly(2024, 5, 1), 12),
            R("r7", "g2", Destination.Military, new DateOnly(2024, 6, 15)),
            R("r8", "g3", Destination.ContractEmployment, new DateOnly(2024, 5, 20)),
            R("r9", "g5", Destination.Entrepreneurship, new DateOnly(2024, 8, 20)),
            R("o1", "g7", Destination.FurtherStudy, new DateOnly(2024, 6, 1)),
            R("o2", "g8", Destination.Unplaced, new DateOnly(2024, 6, 2)),
            R("o3", "g8", Destination.StudyAbroad, new DateOnly(2024, 6, 3)),
            R("old", "g1", Destination.Military, new DateOnly(2023, 8, 1)) with { CohortYear = 2023 },
        };
        foreach (var report in reports.Where((_, i) => i % 2 == 0).Reverse())
        {
            await ReportAsync(report);
        }

        await Placement.RecordDestinationsAsync([.. reports.Where((_, i) => i % 2 == 1).Select(ToStore)], None);
    }

    private static IEnumerable<DateOnly> Days()
    {
        for (var day = FirstDay.AddDays(-2); day <= LastDay.AddDays(2); day = day.AddDays(1))
        {
            yield return day;
        }
    }

    private static TargetDefinition VisitTarget(string institution, VisitTier tier, MetricKind metric) => new()
    {
        Id = $"{institution}-{tier}-{metric}",
        Name = "走访",
        InstitutionId = institution,
        Metric = metric,
        Tier = tier,
        Threshold = 100,
        PeriodStart = FirstDay,
        Deadline = LastDay,
        Pace = PaceCurve.Linear,
        PerUnit = true,
        Alerting = AlertSettings.Default,
    };

    private static TargetDefinition PlacementTarget(string institution, bool disadvantagedOnly) => new()
    {
        Id = $"{institution}-placement-{disadvantagedOnly}",
        Name = "毕业去向落实率",
        InstitutionId = institution,
        Metric = MetricKind.PlacementRate,
        CohortYear = 2024,
        DisadvantagedOnly = disadvantagedOnly,
        Threshold = 95,
        PeriodStart = new DateOnly(2024, 3, 1),
        Deadline = new DateOnly(2024, 8, 31),
        Pace = PaceCurve.Linear,
        PerUnit = true,
        Alerting = AlertSettings.Default,
    };
}
