using Monitor.Messages;
using Monitor.Worker.Placement;
using Monitor.Worker.Visits;

namespace Monitor.IntegrationTests.Storage;

/// <summary>
/// What an evaluation reads for a chunk of institutions at once: each institution's cohort summary and visits, exactly
/// what its own facts give, whatever else the store holds.
/// </summary>
public abstract partial class StoreContract
{
    private static readonly Destination[] Destinations = Enum.GetValues<Destination>();

    [Fact]
    public async Task When_cohorts_of_several_institutions_are_summarised_should_give_each_what_its_own_facts_give()
    {
        var random = new Random(20240831);
        var empty = $"empty-{run}";
        foreach (var institution in new[] { Institution, OtherInstitution })
        {
            await StoreRandomCohortAsync(institution, random);
        }

        // Another cohort year stays out.
        await RegisterAsync(Graduate("late", "U01") with { CohortYear = 2025 });
        await ReportAsync(Report("late-r", "late", Destination.Military, new DateOnly(2025, 7, 1)) with { CohortYear = 2025 });

        var summaries = await Placement.SummariseCohortsAsync([Institution, OtherInstitution, empty], 2024, None);

        Assert.Equal(new[] { Institution, OtherInstitution, empty }.Order(StringComparer.Ordinal), summaries.Keys.Order(StringComparer.Ordinal));
        foreach (var institution in new[] { Institution, OtherInstitution })
        {
            var expected = CohortSummary.Of(await Placement.GetCohortAsync(institution, 2024, None));
            AssertSameSummary(expected, summaries[institution]);
            Assert.True(expected.Changes.Count > 20, "the data should give the summary something to group");
        }

        Assert.Equal((0, 0, 0), (summaries[empty].Groups.Count, summaries[empty].Changes.Count, summaries[empty].OrphanReports));
    }

    [Fact]
    public async Task When_a_graduates_reports_tie_on_the_day_and_the_time_should_summarise_the_greatest_report_id_in_ordinal_order()
    {
        await RegisterAsync(Graduate("g1", "U01"));
        var reportedAt = new DateTimeOffset(2024, 6, 2, 9, 0, 0, TimeSpan.FromHours(8));
        await ReportAsync(Report("tie-B", "g1", Destination.FurtherStudy, new DateOnly(2024, 6, 1)) with { ReportedAt = reportedAt });
        await ReportAsync(Report("tie-a", "g1", Destination.Unplaced, new DateOnly(2024, 6, 1)) with { ReportedAt = reportedAt });

        var summary = (await Placement.SummariseCohortsAsync([Institution], 2024, None))[Institution];

        // "a" sorts after "B" in ordinal order whatever the database's collation: the day ends unplaced.
        Assert.Equal(new DestinationChange("U01", false, new DateOnly(2024, 6, 1), null, Destination.Unplaced, 1), Assert.Single(summary.Changes));
    }

    [Fact]
    public async Task When_visits_of_several_institutions_are_read_together_should_give_each_its_own_as_a_read_of_its_own_would()
    {
        await RecordAsync(Visit("mine-2", new DateOnly(2024, 4, 2)));
        await RecordAsync(Visit("mine-1", new DateOnly(2024, 4, 1)));
        await RecordAsync(Visit("theirs", new DateOnly(2024, 4, 1)) with { InstitutionId = OtherInstitution });
        await RecordAsync(Visit("cancelled", new DateOnly(2024, 4, 3)) with { InstitutionId = OtherInstitution });
        await CancelAsync(Id("cancelled"), OtherInstitution);
        var empty = $"empty-{run}";

        var together = await Visits.GetActiveVisitsAsync([Institution, OtherInstitution, empty], FirstDay, LastDay, None);

        Assert.Equal([Id("mine-1"), Id("mine-2")], together[Institution].Select(v => v.VisitId));
        Assert.Equal([Id("theirs")], together[OtherInstitution].Select(v => v.VisitId));
        Assert.Empty(together[empty]);
        Assert.Equal(await Visits.GetActiveVisitsAsync(OtherInstitution, FirstDay, LastDay, None), together[OtherInstitution]);
    }

    /// <summary>
    /// A cohort of 60 graduates in three units, some disadvantaged, some withdrawn (a few reinstated), with up to four
    /// reports each — several on one day, some arriving late for an earlier day, some repeating the destination — and
    /// reports for graduates not on the roster.
    /// </summary>
    private async Task StoreRandomCohortAsync(string institution, Random random)
    {
        var report = 0;
        for (var g = 0; g < 60; g++)
        {
            var graduateId = Id($"{institution}-g{g}");
            await RegisterAsync(new GraduateRegistered(institution, 2024, graduateId, $"U0{1 + (g % 3)}", "专业", random.Next(4) == 0 ? ["LowIncome"] : []));
            if (random.Next(8) == 0)
            {
                await WithdrawAsync(new GraduateWithdrawn(institution, 2024, graduateId, "延期毕业"));
                if (random.Next(2) == 0)
                {
                    await ReinstateAsync(new GraduateReinstated(institution, 2024, graduateId, "误报"));
                }
            }

            for (var r = random.Next(5); r > 0; r--)
            {
                var effectiveOn = new DateOnly(2024, 5, 1).AddDays(random.Next(6) * 15);
                var reportedAt = new DateTimeOffset(effectiveOn.AddDays(random.Next(3)), new TimeOnly(random.Next(2) * 9, 0), TimeSpan.FromHours(8));
                await ReportAsync(new GraduateDestinationReported(
                    Id($"{institution}-r{report++}"), institution, 2024, graduateId, Destinations[random.Next(Destinations.Length)], effectiveOn, reportedAt, null, null));
            }
        }

        for (var o = 0; o < 3; o++)
        {
            await ReportAsync(new GraduateDestinationReported(
                Id($"{institution}-orphan{o}"), institution, 2024, Id($"{institution}-unknown{o}"), Destination.ContractEmployment, new DateOnly(2024, 6, 1), ReceivedAt, null, null));
        }
    }

    private static void AssertSameSummary(CohortSummary expected, CohortSummary actual)
    {
        Assert.Equal(expected.OrphanReports, actual.OrphanReports);
        Assert.Equal(expected.Groups.Order(GroupOrder), actual.Groups.Order(GroupOrder));
        Assert.Equal(expected.Changes.Order(ChangeOrder), actual.Changes.Order(ChangeOrder));
    }

    private static readonly Comparer<CohortGroup> GroupOrder = Comparer<CohortGroup>.Create((a, b) =>
        string.CompareOrdinal($"{a.UnitCode}|{a.Disadvantaged}", $"{b.UnitCode}|{b.Disadvantaged}"));

    private static readonly Comparer<DestinationChange> ChangeOrder = Comparer<DestinationChange>.Create((a, b) =>
        string.CompareOrdinal($"{a.UnitCode}|{a.Disadvantaged}|{a.Day:O}|{a.From}|{a.To}", $"{b.UnitCode}|{b.Disadvantaged}|{b.Day:O}|{b.From}|{b.To}"));
}
