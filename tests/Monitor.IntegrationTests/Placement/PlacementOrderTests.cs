using System.Text.Json;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;
using Monitor.Worker.Targets;

namespace Monitor.IntegrationTests.Placement;

/// <summary>Placement is a latest status: the order, repetition and lateness of events never change a rate.</summary>
public sealed class PlacementOrderTests(PlacementOrderTests.TwoWorkers workers) : IClassFixture<PlacementOrderTests.TwoWorkers>
{
    private const string Placement = "placement-2024";
    private const string Disadvantaged = "placement-disadvantaged-2024";
    private static readonly string[] Units = ["JX", "DZ", "RG", "XN", "CL", "JG", "YS"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task When_a_cohort_is_published_shuffled_with_duplicates_and_late_reports_should_give_the_rates_of_the_same_cohort_in_order_and_of_a_plain_count()
    {
        var cohort = Cohort.Generate(size: 210, seed: 2024);
        Assert.True(cohort.Count(disadvantagedOnly: true, unit: null).Graduates >= 20);

        // In order: the roster, then withdrawals, then reports as they happened.
        await cohort.PublishAsync(workers.InOrder, [
            .. cohort.Graduates,
            .. cohort.Withdrawals,
            .. cohort.Reports.OrderBy(r => r.ReportedAt).ThenBy(r => r.ReportId, StringComparer.Ordinal),
        ]);

        // Shuffled: reports ahead of their graduate's registration, every fourth event delivered twice, the withdrawals
        // before the roster, and a tenth of the reports redelivered once more as raw JSON by a plain AMQP client.
        var random = new Random(7);
        List<object> events = [.. cohort.Graduates, .. cohort.Reports, .. cohort.Graduates.Where((_, i) => i % 4 == 0), .. cohort.Reports.Where((_, i) => i % 4 == 1)];
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(events));
        List<object> shuffled = [.. cohort.Reports.Take(15), .. cohort.Withdrawals, .. events];
        foreach (var message in shuffled)
        {
            await workers.Shuffled.Worker.Bus.Publish(message);
        }

        foreach (var report in cohort.Reports.Where((_, i) => i % 10 == 3))
        {
            await workers.Shuffled.Broker.PublishRawAsync("Monitor.Messages:GraduateDestinationReported", JsonSerializer.Serialize(report, Json));
        }

        await cohort.WaitUntilStoredAsync(workers.Shuffled);

        // Every delivery consumed, the repeated ones included (none of them refused as a conflict, see below).
        var deliveries = shuffled.Count(m => m is GraduateDestinationReported) + cohort.Reports.Where((_, i) => i % 10 == 3).Count();
        await Eventually.UntilAsync(
            () => workers.Shuffled.VirtualHost.GetQueueStatsAsync("monitor-graduate-destination-reported"),
            stats => stats.Acknowledged >= deliveries && stats.Messages == 0,
            $"the {deliveries} report deliveries are consumed",
            TimeSpan.FromSeconds(60));
        await Eventually.UntilAsync(
            () => workers.Shuffled.VirtualHost.GetQueueStatsAsync("monitor-graduate-registered"),
            stats => stats.Acknowledged >= shuffled.Count(m => m is GraduateRegistered) && stats.Messages == 0,
            "the registrations are consumed",
            TimeSpan.FromSeconds(60));

        var inOrder = await EvaluateAsync(workers.InOrder);
        var shuffledRates = await EvaluateAsync(workers.Shuffled);

        Assert.Equal(inOrder, shuffledRates);
        Assert.Equal(Expected(cohort), shuffledRates);
        var institution = shuffledRates[(Placement, null)];
        Assert.Equal(cohort.Graduates.Count - cohort.Withdrawals.Count, institution.Graduates);
        Assert.InRange(institution.Placed, 1, institution.Graduates - 1);

        // The report for a graduate never registered is kept and reported, not counted.
        var orphans = (await workers.Shuffled.Worker.Evaluator.EvaluateAsync(WorkerEnvironment.Institution, Placement, CancellationToken.None))
            .Single(e => e.UnitCode is null).Measurement.OrphanReports;
        Assert.Equal(1, orphans);
        await workers.InOrder.SettleAsync();
        await workers.Shuffled.SettleAsync();
        Assert.Empty(workers.InOrder.Broker.Rejections);
        Assert.Empty(workers.Shuffled.Broker.Rejections);
    }

    private static Dictionary<(string Target, string? Unit), (int Placed, int Graduates, decimal Rate)> Expected(Cohort cohort)
    {
        var expected = new Dictionary<(string, string?), (int, int, decimal)>();
        foreach (var (target, disadvantagedOnly) in new[] { (Placement, false), (Disadvantaged, true) })
        {
            expected[(target, null)] = cohort.Count(disadvantagedOnly, null);
            foreach (var unit in Units)
            {
                expected[(target, unit)] = cohort.Count(disadvantagedOnly, unit);
            }
        }

        return expected;
    }

    private static async Task<Dictionary<(string Target, string? Unit), (int Placed, int Graduates, decimal Rate)>> EvaluateAsync(WorkerEnvironment env)
    {
        var evaluations = new List<ScopeEvaluation>();
        foreach (var target in new[] { Placement, Disadvantaged })
        {
            evaluations.AddRange(await env.Worker.Evaluator.EvaluateAsync(WorkerEnvironment.Institution, target, CancellationToken.None));
        }

        return evaluations.ToDictionary(
            e => (e.Target.Id, e.UnitCode),
            e => (e.Assessment.Numerator ?? -1, e.Assessment.Denominator ?? -1, e.Assessment.Actual));
    }

    /// <summary>Two separate worlds (database, virtual host, worker) for the same cohort.</summary>
    public sealed class TwoWorkers : IAsyncLifetime
    {
        public WorkerEnvironment InOrder { get; } = new();

        public WorkerEnvironment Shuffled { get; } = new();

        public Task InitializeAsync() => Task.WhenAll(InOrder.InitializeAsync(), Shuffled.InitializeAsync());

        public async Task DisposeAsync()
        {
            try
            {
                await InOrder.DisposeAsync();
            }
            finally
            {
                await Shuffled.DisposeAsync();
            }
        }
    }
}
