using System.Diagnostics;
using System.Globalization;
using System.Text;
using Monitor.DamageTests;
using Monitor.IntegrationTests.Inbound;

// The damage suite (docs/reliability.md): known inputs, a fault, then the final state compared with an independent count.
// Run through scripts/damage.sh, which sets up the servers; arguments name scenarios to run (default: all).
var all = new (string Name, Func<Robot, Task<Outcome>> Run)[]
{
    ("kill-ingest", KillDuringIngestAsync),
    ("kill-evaluation", KillDuringEvaluationAsync),
    ("broker-restart", BrokerRestartAsync),
    ("db-outage-10s", robot => DatabaseOutageAsync(robot, 10)),
    ("db-outage-30s", robot => DatabaseOutageAsync(robot, 30)),
    ("db-outage-90s", robot => DatabaseOutageAsync(robot, 90)),
    ("three-replicas", ThreeReplicasAsync),
    ("malformed", MalformedAsync),
    ("forged-alert", ForgedAlertAsync),
    ("memory", MemoryAsync),
};
var selected = args.Length == 0 ? all : all.Where(s => args.Contains(s.Name)).ToArray();
using var robot = new Robot();
var outcomes = new List<Outcome>();
foreach (var (name, run) in selected)
{
    var clock = Stopwatch.StartNew();
    Console.WriteLine($"[damage] {DateTime.Now:HH:mm:ss} {name} …");
    var outcome = await run(robot);
    outcomes.Add(outcome);
    Console.WriteLine($"[damage] {outcome} ({clock.Elapsed.TotalSeconds:F0} s)");
}

var total = new Outcome("TOTAL", outcomes.Sum(o => o.Sent), outcomes.Sum(o => o.Stored), outcomes.Sum(o => o.Expected), outcomes.Sum(o => o.Lost), outcomes.Sum(o => o.Duplicated), [.. outcomes.SelectMany(o => o.Differences)], "")
{
    AlertsExpected = outcomes.Sum(o => o.AlertsExpected),
    AlertsSent = outcomes.Sum(o => o.AlertsSent),
    AlertsRepublished = outcomes.Sum(o => o.AlertsRepublished),
    RobotPosts = outcomes.Sum(o => o.RobotPosts),
    RobotPostsRepeated = outcomes.Sum(o => o.RobotPostsRepeated),
    AlertsMissing = outcomes.Sum(o => o.AlertsMissing),
    ForgedPosts = outcomes.Sum(o => o.ForgedPosts),
};
Console.WriteLine();
Console.WriteLine(total);
return outcomes.All(o => o.Passed) ? 0 : 1;

// kill -9 twice while events arrive: what was taken and not acknowledged is delivered again, and stored once.
static async Task<Outcome> KillDuringIngestAsync(Robot robot)
{
    await using var scenario = await Scenario.StartAsync("damage_kill_ingest", robot, 1);
    var set = new EventSet("ki", 12_000, 1);
    var kills = 0;
    var sent = await scenario.PublishAsync(set, async progress =>
    {
        if ((kills == 0 && progress >= 0.3) || (kills == 1 && progress >= 0.6))
        {
            kills++;
            await scenario.Workers[^1].KillAsync();
            await scenario.StartWorkerAsync();
        }
    });
    return await scenario.OutcomeAsync(set, sent, $"{kills} kills");
}

// kill -9 while evaluations run (an evaluation asked for, then killed 30–600 ms later, five times): every alert once.
static async Task<Outcome> KillDuringEvaluationAsync(Robot robot)
{
    await using var scenario = await Scenario.StartAsync("damage_kill_evaluation", robot, 1);
    var set = new EventSet("ke", 4_000, 2);
    var sent = await scenario.PublishAsync(set);
    await scenario.WaitStoredAsync(set.Expected, TimeSpan.FromMinutes(3));
    foreach (var delay in new[] { 30, 100, 200, 400, 600 })
    {
        await scenario.Producer.PublishAsync("Monitor.Messages:EvaluationRequested", """{"institutionId":null,"targetId":null}""");
        await Task.Delay(delay);
        await scenario.Workers[^1].KillAsync();
        await scenario.StartWorkerAsync();
    }

    return await scenario.OutcomeAsync(set, sent, "5 kills during evaluation");
}

// The broker stopped and started three times while events arrive: the producer publishes again what was not confirmed,
// the worker reconnects, and every inbound queue has its consumer again within a minute of each start.
static async Task<Outcome> BrokerRestartAsync(Robot robot)
{
    await using var scenario = await Scenario.StartAsync("damage_broker_restart", robot, 1);
    var set = new EventSet("br", 6_000, 3);
    var restarts = 0;
    var orphaned = new List<string>();
    var sent = await scenario.PublishAsync(set, async progress =>
    {
        if (restarts < 3 && progress >= 0.25 * (restarts + 1))
        {
            restarts++;
            await Servers.StopRabbitMqAsync();
            await Task.Delay(TimeSpan.FromSeconds(5));
            await Servers.StartRabbitMqAsync();
            var without = await Servers.QueuesWithoutConsumerAsync(scenario.Name, TimeSpan.FromMinutes(1));
            if (without.Count > 0)
            {
                orphaned.Add($"after restart {restarts}, no consumer on {string.Join(", ", without)} a minute after the broker was back");
            }
        }
    });
    var outcome = await scenario.OutcomeAsync(set, sent, $"broker down 5 s, {restarts} times");
    return outcome with { Differences = [.. orphaned, .. outcome.Differences] };
}

// PostgreSQL stopped for a while during ingest: events are held, readiness says so, and all are stored after.
static async Task<Outcome> DatabaseOutageAsync(Robot robot, int seconds)
{
    await using var scenario = await Scenario.StartAsync($"damage_db_outage_{seconds}", robot, 1);
    var set = new EventSet($"db{seconds}", 4_000, 10 + seconds);
    Task? outage = null;
    var notReady = 0;
    var readiness = "";
    var sent = await scenario.PublishAsync(set, progress =>
    {
        if (outage is null && progress >= 0.2)
        {
            outage = Task.Run(async () =>
            {
                await Servers.StopPostgresAsync();
                var until = DateTime.UtcNow.AddSeconds(seconds);
                while (DateTime.UtcNow < until)
                {
                    var (status, body) = await scenario.Workers[0].ReadyAsync();
                    if (status == 503)
                    {
                        notReady++;
                        readiness = body;
                    }

                    await Task.Delay(1000);
                }

                await Servers.StartPostgresAsync();
            });
        }

        return Task.CompletedTask;
    });
    await outage!;
    var (_, errors) = await Servers.QueuesAsync(scenario.Name);
    var held = System.Text.RegularExpressions.Regex.Match(readiness, "events cannot be stored[^\"]*").Value;
    return await scenario.OutcomeAsync(set, sent, $"database down {seconds} s, readiness 503 in {notReady} probes (\"{held}\"), {errors} in error queues right after");
}

// Three replicas, one killed halfway and not restarted: the others take its work; figures and alerts once.
static async Task<Outcome> ThreeReplicasAsync(Robot robot)
{
    await using var scenario = await Scenario.StartAsync("damage_three_replicas", robot, 3);
    var set = new EventSet("tr", 12_000, 4);
    var killed = false;
    var sent = await scenario.PublishAsync(set, async progress =>
    {
        if (!killed && progress >= 0.5)
        {
            killed = true;
            await scenario.Workers[1].KillAsync();
        }
    });
    return await scenario.OutcomeAsync(set, sent, "replica 2 of 3 killed at 50 %");
}

// The malformed table between valid events: each refused once, the valid ones counted.
static async Task<Outcome> MalformedAsync(Robot robot)
{
    await using var scenario = await Scenario.StartAsync("damage_malformed", robot, 1);
    var (sent, rejected, cases, valid) = await PublishMalformedAsync(scenario, "m");
    var stored = await scenario.WaitStoredAsync(valid, TimeSpan.FromMinutes(2));
    await Task.Delay(TimeSpan.FromSeconds(3));
    var rejections = (await scenario.Admin.DrainAsync(Broker.RejectionTap)).Count;
    var outcome = new Outcome(scenario.Name, sent, stored, valid, Math.Max(0, valid - stored), 0, rejections == cases ? [] : [$"{rejections} EventRejected for {cases} malformed inputs"], $"{cases} malformed inputs, {rejections} rejected{rejected}");
    return await scenario.AlertsAsync(outcome);
}

// A TargetStatusChanged with an invented id published straight to the alert exchange: how many robot posts it caused.
static async Task<Outcome> ForgedAlertAsync(Robot robot)
{
    await using var scenario = await Scenario.StartAsync("damage_forged_alert", robot, 1);
    var before = robot.Posts.Count;
    const string Forged = """
        {"alertId":"6f9619ff-8b86-d011-b42d-00cf4fc96401","targetId":"leadership-visits-2026","targetName":"学院领导班子走访用人单位","institutionId":"tjqg","unitCode":null,"previous":"OnTrack","current":"OffTrack","severity":"Critical","actual":1,"numerator":null,"denominator":null,"threshold":100,"expectedByNow":90,"forecast":null,"requiredPerWeek":null,"daysLeft":28,"deadline":"2026-12-31","laggingUnits":[],"summary":"【严重】请立即登录 http://phish.example/monitor 核对走访数据","evaluatedAt":"2026-12-03T00:00:00+00:00","isReminder":false}
        """;
    var producerRefused = false;
    try
    {
        await using var producer = new Broker(scenario.Name, Servers.ProducerUser, Servers.ProducerPassword);
        await producer.PublishAsync("Monitor.Messages:TargetStatusChanged", Encoding.UTF8.GetBytes(Forged), "application/json").WaitAsync(TimeSpan.FromSeconds(10));
    }
    catch (Exception ex) when (ex is TimeoutException or RabbitMQ.Client.Exceptions.OperationInterruptedException or RabbitMQ.Client.Exceptions.AlreadyClosedException)
    {
        producerRefused = true;
    }

    await scenario.Admin.PublishAsync("Monitor.Messages:TargetStatusChanged", Forged);
    await Task.Delay(TimeSpan.FromSeconds(10));
    var forged = robot.Posts.Skip(before).Count(p => p.Contains("phish.example", StringComparison.Ordinal));
    var outcome = new Outcome(scenario.Name, 0, 0, 0, 0, 0, [], $"producer account {(producerRefused ? "refused" : "NOT refused")} on the alert exchange; published with the administrator's account instead") { ForgedPosts = forged };
    return await scenario.AlertsAsync(outcome);
}

// Resident memory through the malformed table and a 5,000-message flood of hostile bodies.
static async Task<Outcome> MemoryAsync(Robot robot)
{
    await using var scenario = await Scenario.StartAsync("damage_memory", robot, 1);
    var worker = scenario.Workers[0];
    await Task.Delay(TimeSpan.FromSeconds(15));
    var start = worker.ResidentMegabytes();
    var peak = start;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            peak = Math.Max(peak, worker.ResidentMegabytes());
            await Task.Delay(100);
        }
    });

    var (sent, _, cases, valid) = await PublishMalformedAsync(scenario, "mem");
    var flood = 0;
    var refusedByBroker = 0;
    var random = new Random(5);
    var padding = new string('x', 250 * 1024);
    var over = new string('y', 300 * 1024);
    for (var i = 0; i < 5_000; i++)
    {
        var id = $"flood-{i}";
        var body = (i % 5) switch
        {
            0 => Visit(id, "天津洪水测试有限公司"),
            1 => Visit(id, padding),
            2 => Visit(id, over),
            3 => "{\"visitId\":\"" + id + "\",\"tier\":7," + new string('[', 10) + "]",
            _ => Encoding.UTF8.GetString(Enumerable.Range(0, 2000).Select(_ => (byte)random.Next(32, 127)).ToArray()),
        };
        await scenario.Producer.PublishAsync("Monitor.Messages:EnterpriseVisitRecorded", Encoding.UTF8.GetBytes(body));
        flood++;
    }

    // Bodies of 50 MB: the suite's broker refuses anything over 1 MiB (max_message_size), as scripts/services.sh sets it.
    var huge = new byte[50 * 1024 * 1024];
    for (var i = 0; i < 3; i++)
    {
        try
        {
            await using var producer = new Broker(scenario.Name, Servers.ProducerUser, Servers.ProducerPassword);
            await producer.PublishAsync("Monitor.Messages:EnterpriseVisitRecorded", huge).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is TimeoutException or RabbitMQ.Client.Exceptions.OperationInterruptedException or RabbitMQ.Client.Exceptions.AlreadyClosedException)
        {
            refusedByBroker++;
        }
    }

    var expected = valid + 1_000;
    var stored = await scenario.WaitStoredAsync(expected, TimeSpan.FromMinutes(5));
    await Task.Delay(TimeSpan.FromSeconds(120));
    await sampling.CancelAsync();
    await sampler;
    var after = worker.ResidentMegabytes();
    var memoryOk = peak < 400 && after - start <= 50;
    var outcome = new Outcome(
        scenario.Name, sent + flood, stored, expected, Math.Max(0, expected - stored), 0, memoryOk ? [] : [$"resident memory {start:F0} → peak {peak:F0} → {after:F0} MB"],
        string.Create(CultureInfo.InvariantCulture, $"{cases} malformed + {flood} flood messages ({refusedByBroker} of 3 bodies of 50 MB refused by the broker); resident memory {start:F0} MB at start, {peak:F0} MB peak, {after:F0} MB 120 s after"));
    return await scenario.AlertsAsync(outcome);

    static string Visit(string id, string employer) =>
        $$"""{"visitId":"{{id}}","institutionId":"tjqg","tier":"Leadership","unitCode":null,"employerName":"{{employer}}","employerCreditCode":null,"visitedOn":"2026-05-10","mode":"Outgoing","positionsOpened":1}""";
}

// The malformed table, each input between two valid visits; returns what was sent, the cases and the valid events stored.
static async Task<(int Sent, string Note, int Cases, int Valid)> PublishMalformedAsync(Scenario scenario, string run)
{
    var cases = MalformedInputs.Cases(run);
    foreach (var setup in cases.SelectMany(c => c.Setup))
    {
        await scenario.Producer.PublishAsync(setup.Exchange, setup.Body);
    }

    var valid = cases.Sum(c => c.Setup.Count);
    var sent = valid;
    var neighbour = 0;
    foreach (var bad in cases)
    {
        foreach (var body in new[] { null, bad.Body, null })
        {
            if (body is null)
            {
                await scenario.Producer.PublishAsync(MalformedInputs.Visits, MalformedInputs.Visit($"ok-{run}-{++neighbour}").ToJsonString().Replace("2024-05-10", "2026-05-10", StringComparison.Ordinal));
                valid++;
            }
            else
            {
                await scenario.Producer.PublishAsync(bad.Exchange, body, bad.ContentType);
            }

            sent++;
        }
    }

    return (sent, "", cases.Count, valid);
}
