using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Monitor.Benchmarks.Scale;

/// <summary>
/// The worker as it is deployed: its own process (<c>dotnet Monitor.Worker.dll</c>, built beside this benchmark), in
/// production mode (RabbitMQ, PostgreSQL), configured by environment variables, its console log written to a file.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly Stopwatch sinceStart;
    private readonly StreamWriter log;
    private readonly Uri ready;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<TimeSpan> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool closed;

    private WorkerProcess(Process process, Stopwatch sinceStart, StreamWriter log, Uri ready)
    {
        this.process = process;
        this.sinceStart = sinceStart;
        this.log = log;
        this.ready = ready;
    }

    public int Id => process.Id;

    /// <param name="database">The worker's database (the server of <see cref="ScaleOptions.Postgres"/>).</param>
    /// <param name="logPath">Where its console output goes.</param>
    public static WorkerProcess Start(ScaleOptions options, string database, string virtualHost, string institutionsFile, string targetsFile, string logPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Monitor.Worker.dll"));
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Monitor:Transport"] = "RabbitMq",
            ["Monitor:Storage"] = "Postgres",
            ["Monitor:Demo"] = "false",
            ["Monitor:InstitutionsFile"] = institutionsFile,
            ["Monitor:TargetsFile"] = targetsFile,

            // Evaluations run when the benchmark asks for them, not on the schedule.
            ["Monitor:EvaluateEvery"] = "1.00:00:00",
            ["Monitor:Web:Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
            ["ConnectionStrings:Monitor"] = new NpgsqlConnectionStringBuilder(options.Postgres) { Database = database }.ConnectionString,
            ["RabbitMqTransport:Host"] = options.RabbitMqHost,
            ["RabbitMqTransport:Port"] = options.RabbitMqPort.ToString(CultureInfo.InvariantCulture),
            ["RabbitMqTransport:VHost"] = virtualHost,
            ["RabbitMqTransport:User"] = options.RabbitMqUser,
            ["RabbitMqTransport:Pass"] = options.RabbitMqPass,
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (key, value) in options.WorkerSettings)
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var writer = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var sinceStart = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var worker = new WorkerProcess(process, sinceStart, writer, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/health/ready")));
        process.OutputDataReceived += worker.Write;
        process.ErrorDataReceived += worker.Write;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits until the host has started every service ("Application started"); the time since the process started.</summary>
    public async Task<TimeSpan> WaitUntilStartedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        while (!started.Task.IsCompleted)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The worker exited with {process.ExitCode} before it started; see its log.");
            }

            if (sinceStart.Elapsed > timeout)
            {
                throw new TimeoutException($"The worker did not start within {timeout}; see its log.");
            }

            await Task.Delay(10, cancellationToken);
        }

        return await started.Task;
    }

    /// <summary>
    /// Waits until <c>/health/ready</c> answers 200 (the bus, the database and the scheduler are ready); the time since
    /// the process started, or null when it was not ready within <paramref name="timeout"/>.
    /// </summary>
    public async Task<TimeSpan?> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // HttpListener on Linux can fail to start when a connection arrives while it starts: ask only once it listens.
        while (!listening.Task.IsCompleted && sinceStart.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The worker exited with {process.ExitCode} before it was ready; see its log.");
            }

            await Task.Delay(10, cancellationToken);
        }

        while (sinceStart.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The worker exited with {process.ExitCode} before it was ready; see its log.");
            }

            try
            {
                using var response = await http.GetAsync(ready, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return sinceStart.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(20, cancellationToken);
        }

        return null;
    }

    /// <summary>The process's peak resident memory so far (VmHWM), in bytes.</summary>
    public long PeakResidentBytes() => ProcStatus(process.Id, "VmHWM:");

    /// <summary>A line of /proc/PID/status in bytes ("VmHWM:", "VmRSS:").</summary>
    public static long ProcStatus(int pid, string field)
    {
        foreach (var line in File.ReadLines(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/status")))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no {field}");
    }

    /// <summary>Ends the worker at once (its database and virtual host are thrown away, so nothing needs a clean stop).</summary>
    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
        http.Dispose();
        lock (log)
        {
            closed = true;
            log.Dispose();
        }
    }

    private void Write(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
        {
            return;
        }

        if (e.Data.Contains("Now listening on:", StringComparison.Ordinal))
        {
            listening.TrySetResult();
        }
        else if (e.Data.Contains("Application started.", StringComparison.Ordinal))
        {
            started.TrySetResult(sinceStart.Elapsed);
        }

        lock (log)
        {
            if (!closed)
            {
                log.WriteLine(e.Data);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
