using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Worker.Web;

namespace Monitor.Tests.Web;

/// <summary>The endpoint on a loopback port with a readiness check that does not finish until the test lets it.</summary>
public sealed class HealthEndpointSpecs : IAsyncLifetime, IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ServiceProvider services;
    private readonly HealthEndpoint endpoint;
    private readonly Uri address;
    private int checksRun;

    public HealthEndpointSpecs()
    {
        address = new Uri($"http://127.0.0.1:{FreePort()}/");
        services = new ServiceCollection()
            .AddLogging()
            .AddHealthChecks()
            .AddAsyncCheck(
                "slow-database",
                async ct =>
                {
                    Interlocked.Increment(ref checksRun);
                    await release.Task.WaitAsync(ct);
                    return HealthCheckResult.Healthy("answered");
                },
                [HealthEndpoint.ReadyTag])
            .Services
            .BuildServiceProvider();
        endpoint = new HealthEndpoint(address.ToString(), services.GetRequiredService<HealthCheckService>(), NullLogger<HealthEndpoint>.Instance);
    }

    public Task InitializeAsync() => endpoint.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        release.TrySetResult();
        await endpoint.StopAsync(CancellationToken.None);
        await services.DisposeAsync();
    }

    public void Dispose() => endpoint.Dispose();

    [Fact]
    public async Task When_a_readiness_check_hangs_should_answer_live_at_once_and_ready_when_the_check_ends()
    {
        var ready = Http.GetAsync(new Uri(address, "health/ready"));
        await WaitUntilAsync(() => Volatile.Read(ref checksRun) == 1);

        var watch = Stopwatch.StartNew();
        using (var live = await Http.GetAsync(new Uri(address, "health/live")))
        {
            watch.Stop();
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"live took {watch.Elapsed.TotalMilliseconds:0} ms behind a running readiness check");
        }

        Assert.False(ready.IsCompleted, "ready answered before its check ended");
        release.SetResult();
        using var answer = await ready;
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("\"status\":\"Healthy\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the readiness check did not start within 10 s");
            await Task.Delay(20);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
