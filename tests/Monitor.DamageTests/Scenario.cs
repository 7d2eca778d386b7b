using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Monitor.DamageTests;

/// <summary>
/// One scenario: a database and virtual host of its own, the workers, a producer, the events, and the outcome compared
/// with the independent count.
/// </summary>
public sealed class Scenario(string name, Robot robot) : IAsyncDisposable
{
    private readonly List<WorkerProcess> workers = [];
    private readonly int robotPostsBefore = robot.Posts.Count;

    public string Name { get; } = name;

    public Robot Robot { get; } = robot;

    public string Folder { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "monitor-damage", name)).FullName;

    public string TargetsFile => Path.Combine(Folder, "targets.json");

    public IReadOnlyList<WorkerProcess> Workers => workers;

    public Broker Producer { get; } = new(name, Servers.ProducerUser, Servers.ProducerPassword);

    public Broker Admin { get; } = new(name, Servers.Admin, Servers.AdminPassword);

    public static async Task<Scenario> StartAsync(string name, Robot robot, int replicas)
    {
        await Servers.CreateAsync(name);
        var scenario = new Scenario(name, robot);
        WriteTargets(scenario.TargetsFile);

        // Before any worker: the start-up evaluation's alerts must reach the tap too.
        await scenario.Admin.DeclareTapsAsync();
        for (var i = 0; i < replicas; i++)
        {
            await scenario.StartWorkerAsync();
        }

        return scenario;
    }

    public async Task<WorkerProcess> StartWorkerAsync()
    {
        var worker = await WorkerProcess.StartAsync(this, workers.Count + 1);
        workers.Add(worker);
        return worker;
    }

    /// <summary>Publishes the events a hundred at a time; <paramref name="at"/> is told how far along it is (0–1) before each hundred.</summary>
    public async Task<int> PublishAsync(EventSet set, Func<double, Task>? at = null)
    {
        var events = set.Events;
        for (var i = 0; i < events.Count; i += 100)
        {
            if (at is not null)
            {
                await at((double)i / events.Count);
            }

            await Task.WhenAll(events.Skip(i).Take(100).Select(e => Producer.PublishAsync(e.Exchange, e.Json)));
        }

        return events.Count;
    }

    /// <summary>Waits until the inbound queues are empty and the store holds <paramref name="expected"/> rows (or stops growing).</summary>
    public async Task<long> WaitStoredAsync(long expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long stored = -1;
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            var now = await StoredAsync();
            var (waiting, _) = await Servers.QueuesAsync(Name);
            if (now == expected && waiting == 0)
            {
                return now;
            }

            if (now != stored)
            {
                stored = now;
                since = DateTime.UtcNow;
            }
            else if (waiting == 0 && DateTime.UtcNow - since > TimeSpan.FromSeconds(45))
            {
                return now;
            }

            await Task.Delay(500);
        }

        return stored;
    }

    public async Task<long> StoredAsync() => await CountAsync(
        """
        SELECT (SELECT count(*) FROM visits) + (SELECT count(*) FROM visit_cancellations) + (SELECT count(*) FROM graduates)
             + (SELECT count(*) FROM graduate_withdrawals) + (SELECT count(*) FROM graduate_reinstatements) + (SELECT count(*) FROM destination_reports)
        """);

    /// <summary>Asks for an evaluation of everything and waits until every alert of the outbox is published.</summary>
    public async Task EvaluateAndSettleAsync()
    {
        await Producer.PublishAsync("Monitor.Messages:EvaluationRequested", """{"institutionId":null,"targetId":null}""");
        await Task.Delay(TimeSpan.FromSeconds(5));
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && await CountAsync("SELECT count(*) FROM alerts WHERE published_at IS NULL") > 0)
        {
            await Task.Delay(500);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
    }

    public async Task<long> CountAsync(string sql)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(Servers.DriverConnectionString(Name));
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(sql, connection);
                return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            }
            catch (NpgsqlException) when (attempt < 60)
            {
                await Task.Delay(1000);
            }
        }
    }

    public async Task<IReadOnlyList<string>> AlertIdsAsync()
    {
        await using var connection = new NpgsqlConnection(Servers.DriverConnectionString(Name));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT alert_id::text FROM alerts", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>The worker's own figures, from <c>status --json --units</c> on this scenario's database.</summary>
    public async Task<Dictionary<(string Target, string Unit), (decimal Actual, int? Numerator, int? Denominator)>> StatusAsync()
    {
        var start = new ProcessStartInfo("dotnet", $"\"{Paths.Worker}\" status --json --units")
        {
            WorkingDirectory = Paths.Repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Monitor__Storage"] = "Postgres";
        start.Environment["Monitor__TargetsFile"] = TargetsFile;
        start.Environment["ConnectionStrings__Monitor"] = Servers.ConnectionString(Name);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        using var json = JsonDocument.Parse(output);
        return json.RootElement.EnumerateArray().ToDictionary(
            r => (r.GetProperty("targetId").GetString()!, r.GetProperty("unitCode").GetString() ?? ""),
            r => (r.GetProperty("actual").GetDecimal(), Number(r, "numerator"), Number(r, "denominator")));

        static int? Number(JsonElement row, string name) => row.GetProperty(name).ValueKind == JsonValueKind.Number ? row.GetProperty(name).GetInt32() : null;
    }

    /// <summary>Stored events, figures and alerts compared with the independent count.</summary>
    public async Task<Outcome> OutcomeAsync(EventSet set, int sent, string note = "")
    {
        var stored = await WaitStoredAsync(set.Expected, TimeSpan.FromMinutes(5));
        await EvaluateAndSettleAsync();
        var expected = set.Figures();
        var actual = await StatusAsync();
        var differences = new List<string>();
        var over = 0;
        foreach (var (key, figure) in expected)
        {
            if (!actual.TryGetValue(key, out var reported))
            {
                differences.Add($"{key.Target}/{key.Unit}: missing");
                continue;
            }

            var (want, got) = figure.Denominator is null ? (figure.Actual, reported.Actual) : ((decimal)figure.Numerator! * 100000 + figure.Denominator.Value, (decimal)(reported.Numerator ?? 0) * 100000 + (reported.Denominator ?? 0));
            if (want != got)
            {
                differences.Add(figure.Denominator is null
                    ? $"{key.Target}/{key.Unit}: {reported.Actual} reported, {figure.Actual} counted"
                    : $"{key.Target}/{key.Unit}: {reported.Numerator}/{reported.Denominator} reported, {figure.Numerator}/{figure.Denominator} counted");
                over += (figure.Denominator is null ? reported.Actual > figure.Actual : reported.Numerator > figure.Numerator || reported.Denominator > figure.Denominator) ? 1 : 0;
            }
        }

        return await AlertsAsync(new Outcome(Name, sent, stored, set.Expected, Math.Max(0, set.Expected - stored), over, differences, note));
    }

    /// <summary>The alerts of the outbox against those that reached the tap, and the robot's posts.</summary>
    public async Task<Outcome> AlertsAsync(Outcome outcome)
    {
        var outbox = await AlertIdsAsync();
        var published = (await Admin.DrainAsync(Broker.AlertTap)).Select(a => a.GetProperty("alertId").GetString()!).ToList();

        // The management API's counts trail the queues by up to 5 seconds.
        await Task.Delay(TimeSpan.FromSeconds(6));
        var (_, errors) = await Servers.QueuesAsync(Name);
        var posts = Robot.Posts.Skip(robotPostsBefore).Where(p => !p.Contains("phish.example", StringComparison.Ordinal)).ToList();
        return outcome with
        {
            AlertsExpected = outbox.Count,
            AlertsSent = published.Distinct().Count(id => outbox.Contains(id)),
            AlertsRepublished = published.Count - published.Distinct().Count(),
            AlertsMissing = outbox.Except(published).Count(),
            RobotPosts = posts.Count,
            RobotPostsRepeated = posts.Count - posts.Distinct(StringComparer.Ordinal).Count(),
            ErrorQueue = errors,
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in workers)
        {
            await worker.DisposeAsync();
        }

        await Producer.DisposeAsync();
        await Admin.DisposeAsync();
    }

    /// <summary>The seed's four targets moved to <see cref="EventSet.Year"/>, the placement ones measured at its end, so the figures are today's.</summary>
    private static void WriteTargets(string path)
    {
        var seed = JsonNode.Parse(File.ReadAllText(Path.Combine(Paths.Repository, "seeds", "targets-2024.json")), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var text = seed.ToJsonString().Replace("2024", EventSet.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var targets = JsonNode.Parse(text)!;
        foreach (var target in targets["targets"]!.AsArray())
        {
            if ((string?)target!["metric"] == "PlacementRate")
            {
                target["deadline"] = $"{EventSet.Year}-12-31";
                target["pace"] = new JsonObject { ["kind"] = "Linear" };
            }
        }

        File.WriteAllText(path, targets.ToJsonString());
    }
}

/// <summary>What a scenario ended with.</summary>
public sealed record Outcome(string Scenario, long Sent, long Stored, long Expected, long Lost, long Duplicated, IReadOnlyList<string> Differences, string Note)
{
    public long AlertsExpected { get; init; }

    public long AlertsSent { get; init; }

    /// <summary>Alerts published again under the same AlertId (a worker killed between publishing and marking): subscribers drop them by id.</summary>
    public long AlertsRepublished { get; init; }

    public long RobotPosts { get; init; }

    /// <summary>Robot posts of the same text twice: an alert a leader would read twice.</summary>
    public long RobotPostsRepeated { get; init; }

    public long AlertsMissing { get; init; }

    public long ForgedPosts { get; init; }

    public long ErrorQueue { get; init; }

    public bool Passed => Lost == 0 && Duplicated == 0 && Differences.Count == 0 && AlertsMissing == 0 && RobotPostsRepeated == 0;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Scenario,-16} events sent {Sent}, stored {Stored}, expected {Expected}, lost {Lost}, duplicated {Duplicated}, alerts expected {AlertsExpected}, sent {AlertsSent} (missing {AlertsMissing}, republished under the same id {AlertsRepublished}), robot posts {RobotPosts} (repeated {RobotPostsRepeated}), forged posts {ForgedPosts}, error queues {ErrorQueue}; figures {(Differences.Count == 0 ? "exact" : "DIFFER: " + string.Join("; ", Differences))}{(Note.Length > 0 ? "; " + Note : "")}");
}
