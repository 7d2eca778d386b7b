using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitor.Messages;
using Monitor.Worker.Institutions;
using Monitor.Worker.Tools.Cli;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Import;
using RabbitMQ.Client;
using Spectre.Console;

namespace Monitor.Benchmarks;

/// <summary>
/// <c>import visits</c> of a generated file against a raw publish of the same rows, in one run on the same broker:
/// the import end to end (reading and checking the file, connecting, sending with publisher confirms, the evaluation
/// request), and RabbitMQ.Client publishing the same messages as JSON to a durable queue with confirms, 1,000 in
/// flight. Each is run <c>runs</c> times, alternately, in a virtual host of its own (deleted afterwards); the queues
/// are purged between runs. Prints a table and one JSON line.
/// </summary>
internal static class ImportPublishBenchmark
{
    public static async Task<int> RunAsync(int rows, int runs)
    {
        var host = Environment.GetEnvironmentVariable("MONITOR_BENCH_RABBITMQ_HOST") ?? "127.0.0.1";
        var user = Environment.GetEnvironmentVariable("MONITOR_BENCH_RABBITMQ_USER") ?? "monitor";
        var pass = Environment.GetEnvironmentVariable("MONITOR_BENCH_RABBITMQ_PASS") ?? "monitor";
        var vhost = $"monitor-benchmark-{Guid.NewGuid():N}";
        var path = Path.Combine(Path.GetTempPath(), $"monitor-benchmark-import-{rows}.csv");
        VisitCsvBenchmarks.Write(path, rows);
        using var http = new HttpClient { BaseAddress = new Uri($"http://{host}:15672/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{pass}")));
        (await http.PutAsync(new Uri($"api/vhosts/{vhost}", UriKind.Relative), null)).EnsureSuccessStatusCode();
        (await http.PutAsync(new Uri($"api/permissions/{vhost}/{user}", UriKind.Relative), JsonContent.Create(new { configure = ".*", write = ".*", read = ".*" }))).EnsureSuccessStatusCode();
        try
        {
            var messages = await MessagesAsync(path);
            var factory = new ConnectionFactory { HostName = host, VirtualHost = vhost, UserName = user, Password = pass };
            await using var connection = await factory.CreateConnectionAsync("monitor-benchmark");
            var importTimes = new List<double>();
            var rawTimes = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                importTimes.Add(await ImportAsync(path, host, vhost, user, pass, rows));
                await PurgeAsync(connection, "monitor-enterprise-visit-recorded");
                rawTimes.Add(await RawAsync(connection, messages));
                await PurgeAsync(connection, "monitor-benchmark-raw");
            }

            var import = Median(importTimes);
            var raw = Median(rawTimes);
            Console.WriteLine($"| what ({rows:N0} visits, {runs} runs, median) | seconds | runs |");
            Console.WriteLine("|---|---|---|");
            Console.WriteLine($"| import visits (read, check, send with confirms) | {import:0.00} | {string.Join(", ", importTimes.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))} |");
            Console.WriteLine($"| raw publish, RabbitMQ.Client, confirms, 1,000 in flight | {raw:0.00} | {string.Join(", ", rawTimes.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))} |");
            Console.WriteLine($"| ratio import / raw | {import / raw:0.00} | |");
            Console.WriteLine(JsonSerializer.Serialize(new { rows, runs, importSeconds = Math.Round(import, 3), rawSeconds = Math.Round(raw, 3), ratio = Math.Round(import / raw, 3), importRuns = importTimes, rawRuns = rawTimes }));
            return 0;
        }
        finally
        {
            await http.DeleteAsync(new Uri($"api/vhosts/{vhost}", UriKind.Relative));
            File.Delete(path);
        }
    }

    private static async Task<double> ImportAsync(string path, string host, string vhost, string user, string pass, int rows)
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        var clock = Stopwatch.StartNew();
        var exit = await CliApp.RunAsync(
            ["import", "visits", path, "--json", "--Monitor:Transport=RabbitMq", $"--RabbitMqTransport:Host={host}", $"--RabbitMqTransport:VHost={vhost}", $"--RabbitMqTransport:User={user}", $"--RabbitMqTransport:Pass={pass}"],
            console);
        var seconds = clock.Elapsed.TotalSeconds;
        using var json = JsonDocument.Parse(output.ToString());
        var sent = json.RootElement.GetProperty("sent").GetInt32();
        return exit == 0 && sent == rows ? seconds : throw new InvalidOperationException($"The import did not send every row (exit {exit}): {output}");
    }

    /// <summary>The same visits as the import sends them, read once with the import's own reading (not timed).</summary>
    private static async Task<IReadOnlyList<byte[]>> MessagesAsync(string path)
    {
        var import = new SheetImport<EnterpriseVisitRecorded>(new VisitImportSchema(), new ImportContext(new InstitutionCatalog([VisitCsvBenchmarks.Tjqg]), "tjqg", null, TimeProvider.System, ToolLanguage.English));
        var check = await import.CheckAsync(ImportFile.Recognise(path, null, null, ToolLanguage.English), null, CancellationToken.None);
        var sender = new Collector();
        await import.PublishAsync(check, sender, null, CancellationToken.None);
        return sender.Bodies;
    }

    private static async Task<double> RawAsync(IConnection connection, IReadOnlyList<byte[]> messages)
    {
        var clock = Stopwatch.StartNew();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync("monitor-benchmark-raw", durable: true, exclusive: false, autoDelete: false);
        var properties = new BasicProperties { ContentType = "application/json", Persistent = true };
        var pending = new Queue<Task>();
        foreach (var body in messages)
        {
            pending.Enqueue(channel.BasicPublishAsync(string.Empty, "monitor-benchmark-raw", true, properties, body).AsTask());
            if (pending.Count >= RabbitMqImportSender.Window)
            {
                await pending.Dequeue();
            }
        }

        await Task.WhenAll(pending);
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task PurgeAsync(IConnection connection, string queue)
    {
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueuePurgeAsync(queue);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed class Collector : IImportSender
    {
        public List<byte[]> Bodies { get; } = [];

        public int Confirmed => Bodies.Count;

        public Task SendAsync<TMessage>(string queue, TMessage message, CancellationToken cancellationToken)
            where TMessage : class
        {
            Bodies.Add(JsonSerializer.SerializeToUtf8Bytes(message, CliJson.Compact));
            return Task.CompletedTask;
        }

        public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
