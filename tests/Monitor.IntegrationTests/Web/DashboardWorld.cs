using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;
using Monitor.Worker.History;

namespace Monitor.IntegrationTests.Web;

/// <summary>
/// A known data set for the dashboard's tests: the unit visits target on three days of June 2024, each day's visits
/// published over RabbitMQ and evaluated, so the history holds three rows per scope. The units stand far apart, so
/// their ranking is plain: 人工智能学院 (RG) and 招生就业处 (ZJ) far behind, 经济管理学院 (JG) ahead.
/// </summary>
public sealed class DashboardWorld : IAsyncLifetime
{
    public const string Collection = "dashboard";

    public const string Target = "unit-visits-2024";

    /// <summary>Visits per unit on each of the three days (distinct employers, all dated before the evaluation).</summary>
    public static readonly IReadOnlyDictionary<string, int[]> VisitsByDay = new Dictionary<string, int[]>
    {
        ["JX"] = [12, 2, 1],
        ["DZ"] = [10, 1, 1],
        ["RG"] = [1, 0, 1],
        ["XN"] = [9, 1, 0],
        ["CL"] = [7, 1, 1],
        ["JG"] = [20, 2, 2],
        ["YS"] = [8, 0, 1],
        ["ZJ"] = [1, 0, 0],
    };

    public static readonly DateOnly[] Days = [new(2024, 6, 15), new(2024, 6, 16), new(2024, 6, 17)];

    private ConfiguredWorker? configured;

    public FakeTimeProvider Clock { get; } = new(WorkerEnvironment.Start);

    public WorkerHost Worker => configured?.Worker ?? throw new InvalidOperationException("Not started.");

    public Uri Address => Worker.BaseAddress;

    public IHistoryStore History => Worker.Services.GetRequiredService<IHistoryStore>();

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        configured = await ConfiguredWorker.StartAsync(Clock, new Dictionary<string, string?>());
        var published = 0;
        for (var d = 0; d < Days.Length; d++)
        {
            if (d > 0)
            {
                Clock.Advance(TimeSpan.FromDays(1));
            }

            foreach (var (unit, counts) in VisitsByDay)
            {
                for (var i = 0; i < counts[d]; i++)
                {
                    await Worker.PublishAsync(new EnterpriseVisitRecorded(
                        $"dash-{unit}-{d}-{i}", WorkerEnvironment.Institution, VisitTier.Unit, unit, $"天津{unit}第{d}批合作企业{i}有限公司", null,
                        Days[d].AddDays(-1 - (i % 10)), VisitMode.Outgoing, 1));
                    published++;
                }
            }

            await Eventually.UntilAsync(() => CountAsync("SELECT count(*) FROM visits"), n => n == published, $"{published} visits are stored");
            await Worker.Evaluator.EvaluateAsync(WorkerEnvironment.Institution, Target, CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (configured is not null)
        {
            await configured.DisposeAsync();
        }
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = configured!.Database.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>The page and API tests share one world: one worker, one data set.</summary>
[CollectionDefinition(DashboardWorld.Collection)]
public sealed class DashboardWorldDefinition : ICollectionFixture<DashboardWorld>;
