using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;
using Monitor.Worker.Visits;

namespace Monitor.IntegrationTests.Visits;

/// <summary>
/// Visits reaching the real worker over RabbitMQ and stored in PostgreSQL. The tests of this class share one worker
/// (they run one after another); each uses visit ids and employers of its own.
/// </summary>
public sealed class VisitIngestionTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const string Institution = WorkerEnvironment.Institution;
    private const string VisitRecordedExchange = "Monitor.Messages:EnterpriseVisitRecorded";
    private const string VisitRecordedErrorQueue = "monitor-enterprise-visit-recorded_error";

    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task When_a_visit_is_published_as_raw_json_by_a_plain_amqp_client_should_count_it()
    {
        var visitId = $"v-1-{run}";
        var json = $$"""
            {"visitId":"{{visitId}}","institutionId":"tjqg","tier":"Leadership","unitCode":null,"employerName":"天津某某科技有限公司{{run}}","employerCreditCode":null,"visitedOn":"2024-05-10","mode":"Outgoing","positionsOpened":8}
            """;

        await env.Broker.PublishRawAsync(VisitRecordedExchange, json);

        var stored = await WaitForVisitAsync(visitId);
        Assert.Equal(new VisitFact(visitId, VisitTier.Leadership, null, $"天津某某科技有限公司{run}", null, new DateOnly(2024, 5, 10), 8), stored);
    }

    [Fact]
    public async Task When_a_visit_is_published_through_masstransit_should_count_it()
    {
        var visit = Visit($"v-2-{run}", $"天津港集团{run}") with { Tier = VisitTier.Unit, UnitCode = "JX", PositionsOpened = 12 };

        await env.Worker.PublishAsync(visit);

        var stored = await WaitForVisitAsync(visit.VisitId);
        Assert.Equal(new VisitFact(visit.VisitId, VisitTier.Unit, "JX", visit.EmployerName, null, visit.VisitedOn, 12), stored);
    }

    [Fact]
    public async Task When_a_visit_is_invalid_should_reject_it_once_naming_the_field_and_keep_it_in_the_error_queue()
    {
        var badCheck = $"v-bad-code-{run}";
        var noUnit = $"v-no-unit-{run}";
        var unknownInstitution = $"v-unknown-{run}";
        const string Body = "91120116MA05K1234";
        var wrongCheck = EmployerIdentity.CheckCharacter(Body) == '0' ? '1' : '0';

        await env.Broker.PublishRawAsync(VisitRecordedExchange, $$"""
            {"visitId":"{{badCheck}}","institutionId":"tjqg","tier":"Leadership","employerName":"天津某某科技有限公司","employerCreditCode":"{{Body}}{{wrongCheck}}","visitedOn":"2024-05-10","mode":"Outgoing","positionsOpened":3}
            """);
        await env.Worker.PublishAsync(Visit(noUnit, $"天津港集团{run}") with { Tier = VisitTier.Unit, UnitCode = null });
        await env.Broker.PublishRawAsync(VisitRecordedExchange, $$"""
            {"visitId":"{{unknownInstitution}}","institutionId":"no-such-college","tier":"Leadership","employerName":"天津港集团","visitedOn":"2024-05-10","mode":"Incoming","positionsOpened":1}
            """);

        // A message reaches the error queue only once the worker is done with it, after any retries.
        string[] ids = [badCheck, noUnit, unknownInstitution];
        var errorQueue = await Eventually.UntilAsync(
            () => env.Broker.PeekQueueAsync(VisitRecordedErrorQueue),
            bodies => ids.All(id => bodies.Any(b => b.Contains(id, StringComparison.Ordinal))),
            "the three invalid visits are in the error queue");
        await env.Broker.SettleAsync();

        Assert.All(ids, id => Assert.Single(errorQueue, b => b.Contains(id, StringComparison.Ordinal)));
        var rejections = env.Broker.Rejections.Where(r => ids.Contains(r.BusinessId)).ToList();
        Assert.Equal(3, rejections.Count);
        Assert.All(rejections, r => Assert.Equal(nameof(EnterpriseVisitRecorded), r.MessageType));
        Assert.Contains(
            Assert.Single(rejections, r => r.BusinessId == badCheck).Errors,
            e => e.StartsWith("employerCreditCode:", StringComparison.Ordinal) && e.Contains("check character", StringComparison.Ordinal));
        Assert.Contains(Assert.Single(rejections, r => r.BusinessId == noUnit).Errors, e => e.StartsWith("unitCode:", StringComparison.Ordinal));
        Assert.Contains(Assert.Single(rejections, r => r.BusinessId == unknownInstitution).Errors, e => e.StartsWith("institutionId:", StringComparison.Ordinal));
        Assert.Equal(0, await env.CountAsync($"SELECT count(*) FROM visits WHERE visit_id IN ('{badCheck}', '{noUnit}', '{unknownInstitution}')"));
    }

    [Fact]
    public async Task When_a_visit_lacks_its_tier_or_count_should_reject_it_naming_the_member_rather_than_read_a_default()
    {
        // Left out, "tier" would read as Leadership and "positionsOpened" as 0: both would pass validation.
        var noTier = $"v-no-tier-{run}";
        var noPositions = $"v-no-positions-{run}";
        await env.Broker.PublishRawAsync(VisitRecordedExchange, $$"""
            {"visitId":"{{noTier}}","institutionId":"tjqg","employerName":"天津某某科技有限公司","visitedOn":"2024-05-10","mode":"Outgoing","positionsOpened":3}
            """);
        await env.Broker.PublishRawAsync(VisitRecordedExchange, $$"""
            {"visitId":"{{noPositions}}","institutionId":"tjqg","tier":"Leadership","employerName":"天津港集团","visitedOn":"2024-05-10","mode":"Outgoing"}
            """);

        await Eventually.UntilAsync(
            () => env.Broker.PeekQueueAsync(VisitRecordedErrorQueue),
            bodies => new[] { noTier, noPositions }.All(id => bodies.Any(b => b.Contains(id, StringComparison.Ordinal))),
            "both visits are in the error queue");
        var rejections = await Eventually.UntilAsync(
            () => env.Broker.Rejections,
            r => r.Any(x => x.BusinessId == noTier) && r.Any(x => x.BusinessId == noPositions),
            "a rejection names each missing member");

        Assert.Equal(["tier: required (one of Leadership, Unit)"], Assert.Single(rejections, r => r.BusinessId == noTier).Errors);
        Assert.Equal(["positionsOpened: required (a whole number)"], Assert.Single(rejections, r => r.BusinessId == noPositions).Errors);
        Assert.All(rejections.Where(r => r.BusinessId == noTier || r.BusinessId == noPositions), r => Assert.Equal((nameof(EnterpriseVisitRecorded), "tjqg"), (r.MessageType, r.InstitutionId)));
        Assert.Equal(0, await env.CountAsync($"SELECT count(*) FROM visits WHERE visit_id IN ('{noTier}', '{noPositions}')"));
    }

    private static EnterpriseVisitRecorded Visit(string visitId, string employer) =>
        new(visitId, Institution, VisitTier.Leadership, null, employer, null, new DateOnly(2024, 5, 10), VisitMode.Outgoing, 5);

    private async Task<VisitFact> WaitForVisitAsync(string visitId)
    {
        var visits = await Eventually.UntilAsync(
            () => env.Worker.Visits.GetActiveVisitsAsync(Institution, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), CancellationToken.None),
            v => v.Any(x => x.VisitId == visitId),
            $"visit {visitId} is stored");
        return Assert.Single(visits, v => v.VisitId == visitId);
    }
}
