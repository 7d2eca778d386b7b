using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;
using Monitor.Worker.Visits;

namespace Monitor.IntegrationTests.Visits;

/// <summary>Distinct employers (家), not trips, in a worker of its own so the counts are this test's alone.</summary>
public sealed class EmployerIdentityTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    [Fact]
    public async Task When_visits_name_one_employer_by_credit_code_or_by_names_differing_in_width_and_spaces_should_count_one_employer_each()
    {
        const string Body = "91120116MA05K1234";
        var creditCode = Body + EmployerIdentity.CheckCharacter(Body);
        EnterpriseVisitRecorded[] visits =
        [
            Visit("v-code-1", "天津某某科技有限公司", creditCode, 3),
            Visit("v-code-2", "天津某某科技股份有限公司", creditCode, 4),
            Visit("v-name-1", "天津（滨海）科技有限公司", null, 5),
            Visit("v-name-2", "天津(滨海) 科技有限公司", null, 6),
        ];

        foreach (var visit in visits)
        {
            await env.Worker.PublishAsync(visit);
        }

        await Eventually.UntilAsync(
            () => env.CountAsync("SELECT count(*) FROM visits"), n => n == visits.Length, "the four visits are stored");
        var leadership = Assert.Single(await env.Worker.Evaluator.EvaluateAsync(WorkerEnvironment.Institution, "leadership-visits-2024", CancellationToken.None));

        Assert.Equal(2m, leadership.Assessment.Actual);
        Assert.Equal(3 + 4 + 5 + 6, leadership.Measurement.PositionsOpened);
        await env.SettleAsync();
        var snapshot = env.Broker.Snapshots.Last(s => s.TargetId == "leadership-visits-2024");
        Assert.Equal((2m, 18), (snapshot.Actual, snapshot.PositionsOpened));
    }

    private static EnterpriseVisitRecorded Visit(string id, string employer, string? creditCode, int positions) =>
        new(id, WorkerEnvironment.Institution, VisitTier.Leadership, null, employer, creditCode, new DateOnly(2024, 5, 10), VisitMode.Incoming, positions);
}
