using Monitor.IntegrationTests.Storage;
using Monitor.Worker.Alerts;
using Monitor.Worker.Delivery;

namespace Monitor.IntegrationTests.Delivery;

/// <summary>The notification store contract on PostgreSQL, in a database created and migrated for this class.</summary>
public sealed class PostgresNotificationStoreContract(PostgresStoreContract.MigratedDatabase database)
    : NotificationStoreContract(clock => (
        new PostgresAlertStore(database.DataSource, clock),
        new PostgresDigestStore(database.DataSource, clock),
        new PostgresSilenceStore(database.DataSource, clock),
        new PostgresNotificationStore(database.DataSource, clock))),
    IClassFixture<PostgresStoreContract.MigratedDatabase>;
