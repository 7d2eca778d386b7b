using Monitor.IntegrationTests.Storage;
using Monitor.Worker.History;

namespace Monitor.IntegrationTests.History;

/// <summary>The history store contract on PostgreSQL, in a database created and migrated for this class.</summary>
public sealed class PostgresHistoryStoreContract(PostgresStoreContract.MigratedDatabase database)
    : HistoryStoreContract(new PostgresHistoryStore(database.DataSource)), IClassFixture<PostgresStoreContract.MigratedDatabase>;
