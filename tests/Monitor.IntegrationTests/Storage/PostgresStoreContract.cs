using Microsoft.Extensions.Logging.Abstractions;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;
using Monitor.Worker.Visits;
using Monitor.Worker.Placement;
using Monitor.Worker.Alerts;
using Monitor.Worker.Storage;
using Monitor.Worker.Inbound;
using Npgsql;

namespace Monitor.IntegrationTests.Storage;

/// <summary>The store contract on PostgreSQL, in a database created and migrated for this class; plus the migrator's own promises.</summary>
public sealed class PostgresStoreContract(PostgresStoreContract.MigratedDatabase database)
    : StoreContract(clock => new Stores(new PostgresVisitStore(database.DataSource), new PostgresPlacementStore(database.DataSource), new PostgresAlertStore(database.DataSource, clock))), IClassFixture<PostgresStoreContract.MigratedDatabase>
{
    [Fact]
    public async Task When_migrating_again_should_apply_nothing_and_keep_the_data()
    {
        var visit = new EnterpriseVisitRecorded(
            $"{Institution}-v1", Institution, VisitTier.Leadership, null, "天津港集团", null, new DateOnly(2024, 4, 2), VisitMode.Incoming, 12);
        await Visits.RecordVisitAsync(visit, "fingerprint", Clock.GetUtcNow(), CancellationToken.None);
        var before = await AppliedMigrationsAsync(database.DataSource);

        await NewMigrator(database.DataSource).MigrateAsync(CancellationToken.None);

        Assert.Equal(before, await AppliedMigrationsAsync(database.DataSource));
        Assert.Equal(PostgresMigrator.LoadScripts().Select(script => script.Version), before.Select(applied => applied.Version));
        Assert.Single(await Visits.GetActiveVisitsAsync(Institution, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), CancellationToken.None));
    }

    [Fact]
    public async Task When_two_migrators_start_together_on_a_fresh_database_should_both_succeed()
    {
        await using var fresh = await TestDatabase.CreateAsync();

        await Task.WhenAll(
            Task.Run(() => NewMigrator(fresh.DataSource).MigrateAsync(CancellationToken.None)),
            Task.Run(() => NewMigrator(fresh.DataSource).MigrateAsync(CancellationToken.None)));

        Assert.Equal(
            PostgresMigrator.LoadScripts().Select(script => script.Version),
            (await AppliedMigrationsAsync(fresh.DataSource)).Select(applied => applied.Version));
        var store = new PostgresVisitStore(fresh.DataSource);
        var visit = new EnterpriseVisitRecorded("v1", "tjlivtc", VisitTier.Leadership, null, "天津港集团", null, new DateOnly(2024, 4, 2), VisitMode.Incoming, 12);
        Assert.Equal(StoreOutcome.Accepted, await store.RecordVisitAsync(visit, "fingerprint", Clock.GetUtcNow(), CancellationToken.None));
    }

    private static PostgresMigrator NewMigrator(NpgsqlDataSource dataSource) => new(dataSource, NullLogger<PostgresMigrator>.Instance);

    private static async Task<IReadOnlyList<(string Version, DateTimeOffset AppliedAt)>> AppliedMigrationsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT version, applied_at FROM schema_migrations ORDER BY version COLLATE \"C\"");
        await using var reader = await command.ExecuteReaderAsync();
        var applied = new List<(string, DateTimeOffset)>();
        while (await reader.ReadAsync())
        {
            applied.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return applied;
    }

    /// <summary>One database for the class, migrated once, dropped at the end.</summary>
    public sealed class MigratedDatabase : IAsyncLifetime
    {
        private TestDatabase? database;

        public NpgsqlDataSource DataSource => (database ?? throw new InvalidOperationException("The database is not created yet.")).DataSource;

        public string ConnectionString => (database ?? throw new InvalidOperationException("The database is not created yet.")).ConnectionString;

        public async Task InitializeAsync()
        {
            database = await TestDatabase.CreateAsync();
            await new PostgresMigrator(database.DataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync(CancellationToken.None);
        }

        public async Task DisposeAsync()
        {
            if (database is not null)
            {
                await database.DisposeAsync();
            }
        }
    }
}
