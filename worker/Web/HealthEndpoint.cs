using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitor.Worker.Settings;

namespace Monitor.Worker.Web;

/// <summary>
/// <c>GET /health/live</c> (the process answers) and <c>GET /health/ready</c> (every check tagged "ready": the bus,
/// the database with Storage=Postgres, the scheduler) on <c>Monitor:HealthUrl</c>: 200 when healthy, 503 otherwise,
/// with a small JSON body. Started before the rest of the worker, so an orchestrator sees "not ready" during start-up.
/// <c>live</c> is answered at once, never behind a readiness check: each <c>ready</c> request is answered on its own
/// task (at most <see cref="MaxReadyRequests"/> at once, beyond that 503 "Busy"), and requests that arrive while a
/// check runs share its result.
/// </summary>
public sealed partial class HealthEndpoint(string prefix, HealthCheckService checks, ILogger<HealthEndpoint> logger) : IHostedService, IDisposable
{
    public const string ReadyTag = "ready";

    /// <summary>How many <c>ready</c> requests may wait for a check at once.</summary>
    public const int MaxReadyRequests = 16;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly HttpListener listener = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim readySlots = new(MaxReadyRequests, MaxReadyRequests);
    private readonly ConcurrentDictionary<Task, bool> answering = new();
    private readonly Lock checkGate = new();
    private Task<(int Status, string Body)>? check;
    private Task? loop;
    private int lastStatus = 200;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            listener.Prefixes.Add(prefix);
            listener.Start();
        }
        catch (Exception ex) when (ex is HttpListenerException or ArgumentException)
        {
            throw new StartupException($"Monitor:HealthUrl '{prefix}' cannot be listened on: {ex.Message}. Choose another port, or leave Monitor:HealthUrl empty to turn the endpoint off.", ex);
        }

        LogListening(logger, prefix);
        loop = Task.Run(ServeAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        listener.Stop();
        if (loop is not null)
        {
            await loop.WaitAsync(cancellationToken);
        }

        await Task.WhenAll(answering.Keys).WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        listener.Close();
        stopping.Dispose();
        readySlots.Dispose();
    }

    /// <summary>The JSON body for a health report: overall status and each check with its status and description.</summary>
    public static string ToJson(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(
            new
            {
                status = report.Status.ToString(),
                checks = report.Entries.Select(e => new
                {
                    name = e.Key,
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description ?? e.Value.Exception?.Message,
                    durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                }),
            },
            Json);
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            if (IsReady(context.Request))
            {
                if (readySlots.Wait(0))
                {
                    var answer = Task.Run(
                        async () =>
                        {
                            try
                            {
                                await AnswerGuardedAsync(context, busy: false);
                            }
                            finally
                            {
                                readySlots.Release();
                            }
                        },
                        CancellationToken.None);
                    answering.TryAdd(answer, true);
                    _ = answer.ContinueWith(t => answering.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    continue;
                }

                await AnswerGuardedAsync(context, busy: true);
                continue;
            }

            await AnswerGuardedAsync(context, busy: false);
        }
    }

    private static bool IsReady(HttpListenerRequest request) =>
        request.HttpMethod is "GET" or "HEAD" && (request.Url?.AbsolutePath.TrimEnd('/') ?? "").EndsWith("/health/ready", StringComparison.Ordinal);

    private async Task AnswerGuardedAsync(HttpListenerContext context, bool busy)
    {
        try
        {
            await AnswerAsync(context, busy);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            context.Response.Abort();
        }
        catch (Exception ex)
        {
            // One failed answer (a client that hung up, say) must not stop the endpoint: liveness depends on it.
            LogAnswerFailed(logger, ex.Message);
            context.Response.Abort();
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, bool busy)
    {
        var path = context.Request.Url?.AbsolutePath.TrimEnd('/') ?? "";
        var (status, body) = context.Request.HttpMethod is not ("GET" or "HEAD") ? (405, """{"error":"use GET"}""")
            : path.EndsWith("/health/live", StringComparison.Ordinal) ? (200, """{"status":"Healthy"}""")
            : path.EndsWith("/health/ready", StringComparison.Ordinal) ? busy ? (503, """{"status":"Busy"}""") : await SharedCheck().WaitAsync(stopping.Token)
            : (404, """{"error":"GET /health/live or /health/ready"}""");

        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        if (context.Request.HttpMethod == "GET")
        {
            await context.Response.OutputStream.WriteAsync(bytes, stopping.Token);
        }

        context.Response.Close();
    }

    /// <summary>The check under way, or a new one: probes that arrive together run the checks once.</summary>
    private Task<(int Status, string Body)> SharedCheck()
    {
        lock (checkGate)
        {
            if (check is null || check.IsCompleted)
            {
                check = Task.Run(ReadyAsync, CancellationToken.None);
            }

            return check;
        }
    }

    private async Task<(int Status, string Body)> ReadyAsync()
    {
        var report = await checks.CheckHealthAsync(r => r.Tags.Contains(ReadyTag), stopping.Token);
        var status = report.Status == HealthStatus.Unhealthy ? 503 : 200;

        // Logged when readiness changes, not on every probe.
        if (Interlocked.Exchange(ref lastStatus, status) != status)
        {
            if (status == 503)
            {
                LogNotReady(logger, string.Join("; ", report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => $"{e.Key}: {e.Value.Description}")));
            }
            else
            {
                LogReadyAgain(logger);
            }
        }

        return (status, ToJson(report));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health endpoint listening on {Prefix} (health/live, health/ready)")]
    private static partial void LogListening(ILogger logger, string prefix);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready: {Reasons}")]
    private static partial void LogNotReady(ILogger logger, string reasons);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ready again")]
    private static partial void LogReadyAgain(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A health request could not be answered: {Reason}")]
    private static partial void LogAnswerFailed(ILogger logger, string reason);
}
