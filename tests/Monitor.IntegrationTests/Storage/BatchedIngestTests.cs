using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;

namespace Monitor.IntegrationTests.Storage;

/// <summary>
/// Events that reach the worker together are written together, and still refused one by one: an invalid event and an
/// event reusing an id with other content go to the error queue alone, each with its own EventRejected, and every
/// event beside them in the batch is stored. The batch here waits half a second to fill, so the burst shares it.
/// </summary>
public sealed class BatchedIngestTests
{
    private const string Institution = WorkerEnvironment.Institution;
    private const string VisitExchange = "Monitor.Messages:EnterpriseVisitRecorded";
    private const string ReportExchange = "Monitor.Messages:GraduateDestinationReported";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, string?> Batching = new()
    {
        ["Monitor:Ingest:BatchSize"] = "100",
        ["Monitor:Ingest:BatchTimeLimit"] = "00:00:00.500",
    };

    [Fact]
    public async Task When_an_invalid_and_a_conflicting_visit_arrive_among_valid_ones_should_refuse_those_two_alone_and_store_the_rest()
    {
        await using var worker = await ConfiguredWorker.StartAsync(new FakeTimeProvider(WorkerEnvironment.Start), Batching);
        await using var broker = await BrokerClient.ConnectAsync(worker.VirtualHost.Name);
        var original = Visit("original", 1);
        await broker.PublishRawAsync(VisitExchange, JsonSerializer.Serialize(original, Json));
        await Eventually.UntilAsync(() => CountAsync(worker, "SELECT count(*) FROM visits"), n => n == 1, "the first visit is stored");

        var valid = Enumerable.Range(1, 40).Select(i => Visit($"v{i}", i)).ToList();
        var invalid = Visit("invalid", 1) with { Tier = VisitTier.Unit, UnitCode = "NO-SUCH-UNIT" };
        var conflicting = original with { PositionsOpened = 99 };
        var burst = valid.Take(15).Append(invalid).Concat(valid.Skip(15).Take(15)).Append(conflicting).Append(original).Concat(valid.Skip(30));
        foreach (var visit in burst)
        {
            await broker.PublishRawAsync(VisitExchange, JsonSerializer.Serialize(visit, Json));
        }

        var errors = await Eventually.UntilAsync(() => broker.PeekQueueAsync("monitor-enterprise-visit-recorded_error"), q => q.Count == 2, "two visits are in the error queue");
        await Eventually.UntilAsync(() => CountAsync(worker, "SELECT count(*) FROM visits"), n => n == 41, "the valid visits are stored");
        await broker.SettleAsync();

        Assert.Equal(2, errors.Count);
        Assert.Single(errors, b => b.Contains(invalid.VisitId, StringComparison.Ordinal) && b.Contains("NO-SUCH-UNIT", StringComparison.Ordinal));
        Assert.Single(errors, b => b.Contains(original.VisitId, StringComparison.Ordinal) && b.Contains("99", StringComparison.Ordinal));
        Assert.Equal(
            [(invalid.VisitId, "unitCode"), (original.VisitId, "visitId")],
            broker.Rejections.Select(r => (r.BusinessId, r.Errors[0].Split(':')[0])).OrderBy(r => r.BusinessId, StringComparer.Ordinal));
        Assert.Equal(1, await CountAsync(worker, $"SELECT count(*) FROM visits WHERE visit_id = '{original.VisitId}' AND positions_opened = 1"));
        Assert.Equal(0, await CountAsync(worker, $"SELECT count(*) FROM visits WHERE visit_id = '{invalid.VisitId}'"));
    }

    [Fact]
    public async Task When_an_invalid_and_a_conflicting_report_arrive_among_valid_ones_should_refuse_those_two_alone_and_store_the_rest()
    {
        await using var worker = await ConfiguredWorker.StartAsync(new FakeTimeProvider(WorkerEnvironment.Start), Batching);
        await using var broker = await BrokerClient.ConnectAsync(worker.VirtualHost.Name);
        var original = Report("original", Destination.ContractEmployment);
        await broker.PublishRawAsync(ReportExchange, JsonSerializer.Serialize(original, Json));
        await Eventually.UntilAsync(() => CountAsync(worker, "SELECT count(*) FROM destination_reports"), n => n == 1, "the first report is stored");

        var valid = Enumerable.Range(1, 40).Select(i => Report($"r{i}", Destination.FurtherStudy)).ToList();
        var future = Report("future", Destination.FurtherStudy) with { EffectiveOn = new DateOnly(2024, 12, 1) };
        var conflicting = original with { Destination = Destination.Unplaced };
        var burst = valid.Take(20).Append(conflicting).Append(future).Concat(valid.Skip(20));
        foreach (var report in burst)
        {
            await broker.PublishRawAsync(ReportExchange, JsonSerializer.Serialize(report, Json));
        }

        var errors = await Eventually.UntilAsync(() => broker.PeekQueueAsync("monitor-graduate-destination-reported_error"), q => q.Count == 2, "two reports are in the error queue");
        await Eventually.UntilAsync(() => CountAsync(worker, "SELECT count(*) FROM destination_reports"), n => n == 41, "the valid reports are stored");
        await broker.SettleAsync();

        Assert.Single(errors, b => b.Contains(future.ReportId, StringComparison.Ordinal));
        Assert.Single(errors, b => b.Contains(original.ReportId, StringComparison.Ordinal) && b.Contains("Unplaced", StringComparison.Ordinal));
        Assert.Equal(
            [(future.ReportId, "effectiveOn"), (original.ReportId, "reportId")],
            broker.Rejections.Select(r => (r.BusinessId, r.Errors[0].Split(':')[0])).OrderBy(r => r.BusinessId, StringComparer.Ordinal));
        Assert.Equal(1, await CountAsync(worker, $"SELECT count(*) FROM destination_reports WHERE report_id = '{original.ReportId}' AND destination = 'ContractEmployment'"));
    }

    private static EnterpriseVisitRecorded Visit(string id, int employer) =>
        new($"batch-{id}", Institution, VisitTier.Leadership, null, $"天津第{employer}号有限公司", null, new DateOnly(2024, 6, 1), VisitMode.Outgoing, 1);

    private static GraduateDestinationReported Report(string id, Destination destination) =>
        new($"batch-{id}", Institution, 2024, $"g-{id}", destination, new DateOnly(2024, 6, 1), new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.FromHours(8)), null, null);

    private static async Task<long> CountAsync(ConfiguredWorker worker, string sql)
    {
        await using var command = worker.Database.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
