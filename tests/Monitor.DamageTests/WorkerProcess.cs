using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Monitor.DamageTests;

/// <summary>
/// One worker replica: the built Monitor.Worker.dll as a process of its own (so it can be killed with SIGKILL), on the
/// suite's servers, logging to a file, with its health endpoint and a webhook to the suite's robot.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly int healthPort;

    private WorkerProcess(Process process, int healthPort, string log)
    {
        this.process = process;
        this.healthPort = healthPort;
        Log = log;
    }

    public string Log { get; }

    public int Id => process.Id;

    public bool Running => !process.HasExited;

    public static async Task<WorkerProcess> StartAsync(Scenario scenario, int replica, IReadOnlyDictionary<string, string>? extra = null)
    {
        var port = FreePort();
        var log = Path.Combine(scenario.Folder, $"worker-{replica}-{DateTime.UtcNow:HHmmssfff}.log");
        var start = new ProcessStartInfo("dotnet", $"\"{Paths.Worker}\"")
        {
            WorkingDirectory = Paths.Repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in Settings(scenario, port).Concat(extra ?? new Dictionary<string, string>()))
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var worker = new WorkerProcess(process, port, log);
        await worker.WaitReadyAsync(TimeSpan.FromSeconds(90));
        return worker;
    }

    /// <summary>SIGKILL: no shutdown, no acknowledgement, no flush — as a power cut or the OOM killer would.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>The process's resident memory in MB (VmRSS).</summary>
    public double ResidentMegabytes()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return double.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return 0;
    }

    public async Task<(int Status, string Body)> ReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{healthPort}/health/ready"));
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (0, ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The worker exited at start-up ({process.ExitCode}); see {Log}");
            }

            if ((await ReadyAsync()).Status == 200)
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The worker was not ready within {timeout}; see {Log}");
    }

    private static Dictionary<string, string> Settings(Scenario scenario, int healthPort) => new()
    {
        ["Monitor__Transport"] = "RabbitMq",
        ["Monitor__Storage"] = "Postgres",
        ["Monitor__Demo"] = "false",
        ["Monitor__TargetsFile"] = scenario.TargetsFile,
        ["Monitor__EvaluateEvery"] = "00:00:10",
        ["Monitor__Web__Urls"] = $"http://127.0.0.1:{healthPort}",
        ["Monitor__Webhooks__0__Name"] = "damage",
        ["Monitor__Webhooks__0__Kind"] = "WeCom",
        ["Monitor__Webhooks__0__Url"] = $"{scenario.Robot.Address}wecom?key=damage",
        ["Monitor__Webhooks__0__Digests"] = "false",

        // Every alert posted at once, at any hour: the suite counts posts within seconds of the alerts.
        ["Monitor__Notifications__GroupWait"] = "00:00:00",
        ["Monitor__Notifications__CheckEvery"] = "00:00:01",
        ["Monitor__Notifications__QuietHours__Enabled"] = "false",

        ["ConnectionStrings__Monitor"] = Servers.ConnectionString(scenario.Name),
        ["RabbitMqTransport__Host"] = "127.0.0.1",
        ["RabbitMqTransport__Port"] = Servers.RabbitMqPort.ToString(CultureInfo.InvariantCulture),
        ["RabbitMqTransport__VHost"] = scenario.Name,
        ["RabbitMqTransport__User"] = Servers.WorkerUser,
        ["RabbitMqTransport__Pass"] = Servers.WorkerPassword,
        ["MASSTRANSIT_USAGE_TELEMETRY"] = "false",
        ["DOTNET_NOLOGO"] = "1",
    };

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

/// <summary>Where the repository and the built worker are.</summary>
public static class Paths
{
    public static readonly string Repository = FindRepository();

    public static string Worker => Path.Combine(Repository, "worker", "bin", "Release", "net10.0", "Monitor.Worker.dll");

    private static string FindRepository()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Monitor.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Monitor.sln not found above " + AppContext.BaseDirectory);
    }
}
