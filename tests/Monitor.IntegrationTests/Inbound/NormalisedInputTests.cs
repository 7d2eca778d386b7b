using System.Text.Json;
using Monitor.IntegrationTests.Infrastructure;

namespace Monitor.IntegrationTests.Inbound;

/// <summary>
/// What the door accepts as the same: codes in another letter case, a withdrawal undone; and what the worker writes:
/// decimals as JSON numbers.
/// </summary>
public sealed class NormalisedInputTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    [Fact]
    public async Task When_a_visit_is_resent_with_its_codes_in_another_letter_case_should_store_it_once_in_the_configured_form_without_a_conflict()
    {
        await env.Broker.PublishRawAsync("Monitor.Messages:EnterpriseVisitRecorded", """
            {"visitId":"case-1","institutionId":"tjqg","tier":"Unit","unitCode":"RG","employerName":"天津滨海智能装备有限公司","employerCreditCode":"91120116MA05K3T8XC","visitedOn":"2024-05-10","mode":"Outgoing","positionsOpened":2}
            """);
        await env.Broker.PublishRawAsync("Monitor.Messages:EnterpriseVisitRecorded", """
            {"visitId":"case-1","institutionId":"tjqg","tier":"unit","unitCode":"rg","employerName":"天津滨海智能装备有限公司","employerCreditCode":"91120116ma05k3t8xc","visitedOn":"2024-05-10","mode":"outgoing","positionsOpened":2}
            """);
        await env.Broker.PublishRawAsync("Monitor.Messages:EnterpriseVisitRecorded", """
            {"visitId":"case-2","institutionId":"tjqg","tier":"Unit","unitCode":"xn","employerName":"天津某公司","employerCreditCode":null,"visitedOn":"2024-05-10","mode":"Incoming","positionsOpened":1}
            """);

        await Eventually.UntilAsync(() => env.VirtualHost.GetQueueStatsAsync("monitor-enterprise-visit-recorded"), s => s.Acknowledged >= 3 && s.Messages == 0, "the three visits are consumed", TimeSpan.FromSeconds(30));
        await env.Broker.SettleAsync();

        Assert.Empty(env.Broker.Rejections);
        Assert.Equal(2, await env.CountAsync("SELECT count(*) FROM visits WHERE visit_id IN ('case-1', 'case-2')"));
        Assert.Equal(1, await env.CountAsync("SELECT count(*) FROM visits WHERE visit_id = 'case-1' AND unit_code = 'RG' AND employer_credit_code = '91120116MA05K3T8XC'"));
        Assert.Equal(1, await env.CountAsync("SELECT count(*) FROM visits WHERE visit_id = 'case-2' AND unit_code = 'XN'"));
    }

    [Fact]
    public async Task When_a_withdrawal_made_in_error_is_undone_should_count_the_graduate_again()
    {
        await env.Broker.PublishRawAsync("Monitor.Messages:GraduateRegistered", """{"institutionId":"tjqg","cohortYear":2024,"graduateId":"reinstated-1","unitCode":"jx","major":null,"disadvantaged":["LowIncome"]}""");
        await env.Broker.PublishRawAsync("Monitor.Messages:GraduateWithdrawn", """{"institutionId":"tjqg","cohortYear":2024,"graduateId":"reinstated-1","reason":"延期毕业"}""");
        var withdrawn = await Eventually.UntilAsync(
            () => env.Worker.Placement.GetCohortAsync("tjqg", 2024, CancellationToken.None),
            c => c.Graduates.Any(g => g.GraduateId == "reinstated-1") && c.WithdrawnGraduateIds.Contains("reinstated-1"),
            "the graduate is registered and withdrawn");

        await env.Broker.PublishRawAsync("Monitor.Messages:GraduateReinstated", """{"institutionId":"tjqg","cohortYear":2024,"graduateId":"reinstated-1","reason":"误报延期毕业"}""");
        var reinstated = await Eventually.UntilAsync(
            () => env.Worker.Placement.GetCohortAsync("tjqg", 2024, CancellationToken.None),
            c => !c.WithdrawnGraduateIds.Contains("reinstated-1"),
            "the graduate counts again");

        Assert.Equal(("JX", true), withdrawn.Graduates.Where(g => g.GraduateId == "reinstated-1").Select(g => (g.UnitCode, g.Disadvantaged)).Single());
        Assert.Contains(reinstated.Graduates, g => g.GraduateId == "reinstated-1");
        await env.Broker.SettleAsync();
        Assert.Empty(env.Broker.Rejections);
    }

    [Fact]
    public async Task When_the_worker_publishes_a_snapshot_should_write_its_decimals_as_json_numbers()
    {
        await env.SettleAsync();

        var body = env.Broker.Received(BrokerClient.MetricSnapshotExchange)[0].Body;

        using var json = JsonDocument.Parse(body);
        var message = json.RootElement.GetProperty("message");
        Assert.Equal(JsonValueKind.Number, message.GetProperty("actual").ValueKind);
        Assert.Equal(JsonValueKind.Number, message.GetProperty("threshold").ValueKind);
    }
}
