using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Alerts;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Status;
using Monitor.Worker.Visits;
using Monitor.Worker.Placement;
using Monitor.Worker.Storage;
using Npgsql;

namespace Monitor.IntegrationTests.Tools.Status;

/// <summary>
/// <c>status</c> against a PostgreSQL database migrated as the worker does and filled through the store: the figures
/// it reports as of a date, the status it shows (announced where the worker evaluated that day, else assessed), and
/// that it writes nothing.
/// </summary>
public sealed class StatusCommandTests(StatusCommandTests.Facts facts) : IClassFixture<StatusCommandTests.Facts>
{
    private static readonly DateOnly At = new(2024, 6, 15);

    [Fact]
    public async Task When_status_is_asked_for_json_as_of_a_date_should_report_the_stored_facts_and_write_nothing()
    {
        var before = await facts.SnapshotAsync();

        var (exitCode, output) = await CliRun.RunAsync(
            "status", "--json", "--units", "--at", "2024-06-15", "--Monitor:Storage=Postgres", "--ConnectionStrings:Monitor", facts.ConnectionString);

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Equal(before, await facts.SnapshotAsync());
        using var document = JsonDocument.Parse(output);
        var first = document.RootElement[0];
        Assert.Equal(JsonValueKind.Number, first.GetProperty("actual").ValueKind);
        Assert.Equal("2024-06-15", first.GetProperty("asOf").GetString());
        var rows = JsonSerializer.Deserialize<List<StatusRecord>>(output, CliJson.Indented)!;

        // Leadership: 50 employers by 10 June (a repeat under a variant name and a visit on 20 June do not count), and
        // expected the whole employers the seed's seasonal curve owes by the end of 14 June (the day before, as a morning
        // evaluation counts); on track by the engine, but the worker announced AtRisk that day, and that is shown.
        var leadership = Assert.Single(rows, r => r.TargetId == "leadership-visits-2024");
        Assert.Equal((50m, (int?)null, (int?)null, 100m), (leadership.Actual, leadership.Numerator, leadership.Denominator, leadership.Threshold));
        Assert.Equal(SeedTargets.Owed("leadership-visits-2024", At), leadership.ExpectedByNow);
        Assert.Equal((TargetStatus.AtRisk, TargetStatus.OnTrack, "announced"), (leadership.Status, leadership.AssessedStatus, leadership.StatusSource));
        Assert.Equal((new DateOnly(2024, 12, 31), 199), (leadership.Deadline, leadership.DaysLeft));

        // Unit visits: none in the 167 days of the period (more than 30 without data); never evaluated by the worker, so assessed.
        var units = Assert.Single(rows, r => r.TargetId == "unit-visits-2024" && r.UnitCode is null);
        Assert.Equal((0m, SeedTargets.Owed("unit-visits-2024", At)), (units.Actual, units.ExpectedByNow));
        Assert.Equal((TargetStatus.NoData, "assessed"), (units.Status, units.StatusSource));
        Assert.Equal(8, rows.Count(r => r.TargetId == "unit-visits-2024" && r.UnitCode is not null));

        // Placement: 32 of 40 (41 registered, 1 withdrawn; a placement effective 20 June not yet). Expected: on the line from
        // 70 % (31 May) to 85 % (30 June) as of 14 June, 77 %, in whole graduates of the 38 that 95 % of 40 needs:
        // ⌊77/95 × 38⌋ = 30 graduates, 75 %. The worker's state is from 14 June, another day: the assessed status shows.
        var placement = Assert.Single(rows, r => r.TargetId == "placement-2024" && r.UnitCode is null);
        Assert.Equal((80m, (int?)32, (int?)40, 95m), (placement.Actual, placement.Numerator, placement.Denominator, placement.Threshold));
        Assert.Equal(75m, placement.ExpectedByNow);
        Assert.Equal((TargetStatus.OnTrack, TargetStatus.OnTrack, "assessed"), (placement.Status, placement.AssessedStatus, placement.StatusSource));
        var jx = Assert.Single(rows, r => r.TargetId == "placement-2024" && r.UnitCode == "JX");
        Assert.Equal((90m, (int?)18, (int?)20, "机械工程学院"), (jx.Actual, jx.Numerator, jx.Denominator, jx.Scope));
        var dz = Assert.Single(rows, r => r.TargetId == "placement-2024" && r.UnitCode == "DZ");
        Assert.Equal((70m, (int?)14, (int?)20), (dz.Actual, dz.Numerator, dz.Denominator));
        Assert.Equal(2, rows.Count(r => r.TargetId == "placement-2024" && r.UnitCode is not null));

        // Nobody in the cohort is disadvantaged: no data.
        var disadvantaged = Assert.Single(rows, r => r.TargetId == "placement-disadvantaged-2024" && r.UnitCode is null);
        Assert.Equal((TargetStatus.NoData, (int?)0), (disadvantaged.Status, disadvantaged.Denominator));
    }

    [Fact]
    public async Task When_status_is_asked_without_units_or_for_a_target_should_show_only_those_rows_in_a_table_naming_the_status()
    {
        var (exitCode, output) = await CliRun.RunAsync(
            "status", "--json", "--at", "2024-06-15", "--target", "placement-2024", "--Monitor:Storage=Postgres", "--ConnectionStrings:Monitor", facts.ConnectionString);
        Assert.Equal(ExitCodes.Ok, exitCode);
        var row = Assert.Single(JsonSerializer.Deserialize<List<StatusRecord>>(output, CliJson.Indented)!);
        Assert.Equal(("placement-2024", (string?)null), (row.TargetId, row.UnitCode));

        (exitCode, output) = await CliRun.RunAsync(
            "status", "--at", "2024-06-15", "--Monitor:Storage=Postgres", "--Monitor:Language=en", "--ConnectionStrings:Monitor", facts.ConnectionString);
        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("Targets as of 2024-06-15", output, StringComparison.Ordinal);
        var leadership = output.Split('\n').Single(l => l.Contains("│ 50 ", StringComparison.Ordinal));
        Assert.Contains($"│ {SeedTargets.Owed("leadership-visits-2024", At)} ", leadership, StringComparison.Ordinal);
        Assert.Contains("│ AtRisk", leadership, StringComparison.Ordinal);
        Assert.Contains(output.Split('\n'), l => l.Contains("│ 80% (32/40) ", StringComparison.Ordinal) && l.Contains("│ OnTrack", StringComparison.Ordinal));
        Assert.Contains("3 of 4 assessed here", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_status_is_asked_without_a_date_should_show_the_status_the_worker_last_announced()
    {
        var (exitCode, output) = await CliRun.RunAsync(
            "status", "--json", "--target", "leadership-visits-2024", "--Monitor:Storage=Postgres", "--ConnectionStrings:Monitor", facts.ConnectionString);

        Assert.Equal(ExitCodes.Ok, exitCode);
        var row = Assert.Single(JsonSerializer.Deserialize<List<StatusRecord>>(output, CliJson.Indented)!);

        // Today the 2024 period is over with 50 of 100 (Missed by the engine), but the worker's last word was AtRisk.
        Assert.True(row.AsOf > new DateOnly(2024, 12, 31));
        Assert.Equal((TargetStatus.AtRisk, TargetStatus.Missed, "announced"), (row.Status, row.AssessedStatus, row.StatusSource));
    }

    [Fact]
    public async Task When_status_is_run_on_the_in_memory_store_or_a_wrong_server_should_not_start()
    {
        var (exitCode, output) = await CliRun.RunAsync("status");
        Assert.Equal(ExitCodes.CannotStart, exitCode);
        Assert.Contains("Monitor 无法启动：status 读取 worker 的 PostgreSQL 数据库，但 Monitor:Storage 是 InMemory", output, StringComparison.Ordinal);

        (exitCode, output) = await CliRun.RunAsync("status", "--Monitor:Language=en");
        Assert.Equal(ExitCodes.CannotStart, exitCode);
        Assert.Contains("Set --Monitor:Storage=Postgres", output, StringComparison.Ordinal);

        var wrongPassword = new NpgsqlConnectionStringBuilder(facts.ConnectionString) { Password = "not-the-password" }.ConnectionString;
        (exitCode, output) = await CliRun.RunAsync("status", "--Monitor:Language=en", "--Monitor:Storage=Postgres", "--ConnectionStrings:Monitor", wrongPassword);
        Assert.Equal(ExitCodes.CannotStart, exitCode);
        Assert.Contains("Monitor cannot start:", output, StringComparison.Ordinal);
        Assert.Contains("authentication failed", output, StringComparison.Ordinal);

        await using var empty = await TestDatabase.CreateAsync();
        (exitCode, output) = await CliRun.RunAsync("status", "--Monitor:Storage=Postgres", "--ConnectionStrings:Monitor", empty.ConnectionString);
        Assert.Equal(ExitCodes.CannotStart, exitCode);
        Assert.Contains("has no Monitor schema", output, StringComparison.Ordinal);
        await using var tables = empty.DataSource.CreateCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
    }

    /// <summary>A database migrated as the worker does, with known facts and alert state stored through the store.</summary>
    public sealed class Facts : IAsyncLifetime
    {
        private TestDatabase? database;

        public string ConnectionString => Database.ConnectionString;

        private TestDatabase Database => database ?? throw new InvalidOperationException("The database is not created yet.");

        public async Task InitializeAsync()
        {
            database = await TestDatabase.CreateAsync();
            await new PostgresMigrator(database.DataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync(CancellationToken.None);
            var visits = new PostgresVisitStore(database.DataSource);
            var placement = new PostgresPlacementStore(database.DataSource);
            var alerts = new PostgresAlertStore(database.DataSource, TimeProvider.System);
            var ct = CancellationToken.None;
            var received = new DateTimeOffset(2024, 6, 15, 9, 0, 0, TimeSpan.FromHours(8));

            for (var i = 1; i <= 50; i++)
            {
                await visits.RecordVisitAsync(Visit($"L{i}", $"天津（滨海）示范企业{i:D3}有限公司", new DateOnly(2024, 1, 10).AddDays(i * 3)), $"f{i}", received, ct);
            }

            await visits.RecordVisitAsync(Visit("L-repeat", "天津(滨海)示范企业007有限公司", new DateOnly(2024, 5, 2)), "f-repeat", received, ct);
            await visits.RecordVisitAsync(Visit("L-later", "天津后来企业有限公司", new DateOnly(2024, 6, 20)), "f-later", received, ct);

            // JX: 20 graduates, 18 placed. DZ: 21 registered, one withdrawn, 14 of the other 20 placed.
            var reportedAt = new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.FromHours(8));
            foreach (var (unit, size, placed) in new[] { ("JX", 20, 18), ("DZ", 21, 14) })
            {
                for (var i = 1; i <= size; i++)
                {
                    var id = $"2024{unit}{i:D4}";
                    await placement.RegisterGraduateAsync(new RosterEntry("tjqg", 2024, id, unit, false), received, ct);
                    if (i <= placed)
                    {
                        await placement.RecordDestinationAsync(new GraduateDestinationReported($"r-{id}", "tjqg", 2024, id, Destination.ContractEmployment, new DateOnly(2024, 6, 1), reportedAt, null, null), $"r{id}", received, ct);
                    }
                }
            }

            await placement.WithdrawGraduateAsync(new GraduateWithdrawn("tjqg", 2024, "2024DZ0021", "延期毕业"), "w", received, ct);
            await placement.RecordDestinationAsync(new GraduateDestinationReported("r-late", "tjqg", 2024, "2024DZ0020", Destination.FurtherStudy, new DateOnly(2024, 6, 20), reportedAt.AddDays(19), null, null), "r-late", received, ct);

            // What the worker saved: AtRisk announced for leadership on 15 June (with its alert in the outbox), and a
            // placement state last evaluated on 14 June.
            var onThe15th = new DateTimeOffset(2024, 6, 15, 10, 0, 0, TimeSpan.FromHours(8));
            var leadership = new AlertState("leadership-visits-2024", "tjqg", TargetStatus.AtRisk, onThe15th, 1, 0, onThe15th, null, null, 44m, onThe15th, 1);
            await alerts.TrySaveAsync(leadership, 0, Alert(leadership), ct);
            var onThe14th = onThe15th.AddDays(-1);
            await alerts.TrySaveAsync(new AlertState("placement-2024", "tjqg", TargetStatus.AtRisk, onThe14th, 1, 0, onThe14th, null, null, 78m, onThe14th, 1), 0, null, ct);
        }

        /// <summary>Every table's rows as text: equal before and after means nothing was written.</summary>
        public async Task<string> SnapshotAsync()
        {
            var tables = new[] { "visits", "visit_cancellations", "graduates", "graduate_withdrawals", "destination_reports", "alert_state", "alerts", "schema_migrations" };
            var parts = new List<string>();
            foreach (var table in tables)
            {
                // Table names are the constants above, never input.
                await using var command = Database.DataSource.CreateCommand($"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {table} t");
                parts.Add($"{table}={await command.ExecuteScalarAsync()}");
            }

            return string.Join(", ", parts);
        }

        public async Task DisposeAsync()
        {
            if (database is not null)
            {
                await database.DisposeAsync();
            }
        }

        private static EnterpriseVisitRecorded Visit(string id, string employer, DateOnly on) =>
            new(id, "tjqg", VisitTier.Leadership, null, employer, null, on, VisitMode.Outgoing, 2);

        private static TargetStatusChanged Alert(AlertState state) => new(
            AlertIds.For(state.TargetId, state.ScopeKey, state.Transitions, state.Reminders),
            state.TargetId, "学院领导班子走访用人单位", "tjqg", null, TargetStatus.OnTrack, state.Status, AlertSeverity.Warning,
            state.LastActual, null, null, 100m, 45m, 90m, 2m, 199, new DateOnly(2024, 12, 31), [], "【预警】…", state.LastEvaluatedAt, false);
    }
}
