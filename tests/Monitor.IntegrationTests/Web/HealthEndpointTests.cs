using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Monitor.IntegrationTests.Infrastructure;

namespace Monitor.IntegrationTests.Web;

/// <summary>The worker's health endpoints (ASP.NET Core health checks) against the real servers: ready once started, not ready while PostgreSQL is unreachable.</summary>
public sealed class HealthEndpointTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(WorkerEnvironment.Start);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private ConfiguredWorker? configured;
    private Uri? address;

    public async Task InitializeAsync()
    {
        configured = await ConfiguredWorker.StartAsync(clock, new Dictionary<string, string?>());
        address = configured.Worker.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        if (configured is not null)
        {
            try
            {
                await configured.Database.SetReachableAsync(true);
            }
            finally
            {
                await configured.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task When_the_database_is_unreachable_for_a_while_should_be_ready_once_started_not_ready_meanwhile_and_ready_again_after()
    {
        var (status, body) = await GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal(
            [("database", "Healthy"), ("inbound", "Healthy"), ("masstransit-bus", "Healthy"), ("scheduler", "Healthy")],
            Checks(body));

        await configured!.Database.SetReachableAsync(false);

        (status, body) = await Eventually.UntilAsync(() => GetAsync("health/ready"), r => r.Status == HttpStatusCode.ServiceUnavailable, "the worker reports not ready");
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Contains(("database", "Unhealthy"), Checks(body));
        Assert.Contains(("masstransit-bus", "Healthy"), Checks(body));
        var (liveStatus, live) = await GetAsync("health/live");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (liveStatus, live.GetProperty("status").GetString()));

        await configured!.Database.SetReachableAsync(true);

        (status, body) = await Eventually.UntilAsync(() => GetAsync("health/ready"), r => r.Status == HttpStatusCode.OK, "the worker reports ready again", TimeSpan.FromSeconds(30));
        Assert.All(Checks(body), c => Assert.Equal("Healthy", c.Status));
    }

    private static List<(string Name, string Status)> Checks(JsonElement body) =>
        [.. body.GetProperty("checks").EnumerateArray().Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("status").GetString()!)).OrderBy(c => c.Item1, StringComparer.Ordinal)];

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(address!, path));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
