using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;

namespace Monitor.DamageTests;

/// <summary>
/// The suite's own servers, so that stopping them disturbs nobody else on the machine: PostgreSQL cluster 15/damage on
/// port 5440 and the RabbitMQ node damage@localhost on 5680 (management 15680), both set up by scripts/damage.sh.
/// </summary>
public static class Servers
{
    public const int PostgresPort = 5440;
    public const int RabbitMqPort = 5680;
    public const string Admin = "monitor";
    public const string AdminPassword = "monitor";
    public const string WorkerUser = "monitor-worker";
    public const string WorkerPassword = "monitor-worker";
    public const string ProducerUser = "monitor-producer";
    public const string ProducerPassword = "monitor-producer";
    public const string DbUser = "monitor";
    public const string DbPassword = "monitor";
    public static readonly Uri Management = new("http://127.0.0.1:15680/");

    private const string Inbound = "^Monitor\\.Messages:(EnterpriseVisitRecorded|EnterpriseVisitCancelled|GraduateRegistered|GraduateWithdrawn|GraduateReinstated|GraduateDestinationReported|EvaluationRequested)$";

    public static string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={PostgresPort};Username={DbUser};Password={DbPassword};Database={database};Timeout=5";

    /// <summary>The suite's own connections: never pooled, since the suite stops the server under them.</summary>
    public static string DriverConnectionString(string database) => ConnectionString(database) + ";Pooling=false";

    public static HttpClient ManagementClient()
    {
        var http = new HttpClient { BaseAddress = Management, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Admin}:{AdminPassword}")));
        return http;
    }

    /// <summary>A fresh database and virtual host for one scenario, with the worker's and the producer's permissions on it.</summary>
    public static async Task CreateAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(DriverConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        using var http = ManagementClient();
        var vhost = Uri.EscapeDataString(name);
        (await http.DeleteAsync(new Uri($"api/vhosts/{vhost}", UriKind.Relative))).Dispose();
        (await http.PutAsync(new Uri($"api/vhosts/{vhost}", UriKind.Relative), null)).EnsureSuccessStatusCode().Dispose();
        foreach (var (user, configure, write, read) in new[] { (Admin, ".*", ".*", ".*"), (WorkerUser, ".*", ".*", ".*"), (ProducerUser, "^$", Inbound, "^$") })
        {
            (await http.PutAsync(new Uri($"api/permissions/{vhost}/{Uri.EscapeDataString(user)}", UriKind.Relative), JsonContent.Create(new { configure, write, read }))).EnsureSuccessStatusCode().Dispose();
        }
    }

    /// <summary>Messages ready or unacknowledged in the inbound queues, and in their error queues.</summary>
    public static async Task<(long Waiting, long Errors)> QueuesAsync(string vhost)
    {
        using var http = ManagementClient();
        var queues = await http.GetFromJsonAsync<List<QueueInfo>>(new Uri($"api/queues/{Uri.EscapeDataString(vhost)}?columns=name,messages", UriKind.Relative)) ?? [];
        var inbound = queues.Where(q => q.Name.StartsWith("monitor-", StringComparison.Ordinal) && !q.Name.StartsWith("monitor-webhook", StringComparison.Ordinal)).ToList();
        return (inbound.Where(q => !q.Name.EndsWith("_error", StringComparison.Ordinal) && !q.Name.EndsWith("_skipped", StringComparison.Ordinal)).Sum(q => q.Messages),
            inbound.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal)).Sum(q => q.Messages));
    }

    /// <summary>The inbound queues that still have no consumer when <paramref name="within"/> has passed (none once all have one).</summary>
    public static async Task<IReadOnlyList<string>> QueuesWithoutConsumerAsync(string vhost, TimeSpan within)
    {
        using var http = ManagementClient();
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var queues = await http.GetFromJsonAsync<List<ConsumerInfo>>(new Uri($"api/queues/{Uri.EscapeDataString(vhost)}?columns=name,consumers", UriKind.Relative)) ?? [];
            var without = queues
                .Where(q => q.Name.StartsWith("monitor-", StringComparison.Ordinal) && !q.Name.StartsWith("monitor-webhook", StringComparison.Ordinal))
                .Where(q => !q.Name.EndsWith("_error", StringComparison.Ordinal) && !q.Name.EndsWith("_skipped", StringComparison.Ordinal) && q.Consumers == 0)
                .Select(q => q.Name)
                .ToList();
            if (without.Count == 0 || DateTime.UtcNow >= deadline)
            {
                return without;
            }

            await Task.Delay(1000);
        }
    }

    public static Task StopPostgresAsync() => RunAsync("pg_ctlcluster", "15 damage stop -m fast");

    public static Task StartPostgresAsync() => RunAsync("pg_ctlcluster", "15 damage start");

    public static Task StopRabbitMqAsync() => RunAsync("bash", $"\"{Path.Combine(Paths.Repository, "scripts", "damage.sh")}\" broker-stop");

    public static Task StartRabbitMqAsync() => RunAsync("bash", $"\"{Path.Combine(Paths.Repository, "scripts", "damage.sh")}\" broker-start");

    public static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{file} {arguments} exited {process.ExitCode}: {output}{error}"));
        }
    }

    private sealed record QueueInfo(string Name, long Messages);

    private sealed record ConsumerInfo(string Name, long Consumers);
}
