using Npgsql;

namespace Monitor.Worker.Delivery;

/// <summary>
/// Delivery records in the webhook_deliveries table. The check, the post and the record happen in one transaction
/// under an advisory lock on (webhook, message), so two replicas handed the same message post it once.
/// </summary>
public sealed class PostgresDeliveryStore(NpgsqlDataSource dataSource, TimeProvider clock) : IDeliveryStore
{
    public async Task<bool> DeliverOnceAsync(string webhook, Guid messageId, string messageType, Func<CancellationToken, Task> post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Held until commit or rollback; a hash collision only makes two unrelated deliveries wait for each other.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2::text))", connection, transaction)
        {
            Parameters = { new() { Value = webhook }, new() { Value = messageId } },
        })
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM webhook_deliveries WHERE webhook = $1 AND message_id = $2)", connection, transaction)
        {
            Parameters = { new() { Value = webhook }, new() { Value = messageId } },
        })
        {
            if ((bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return false;
            }
        }

        await post(cancellationToken);

        await using (var record = new NpgsqlCommand(
            """
            INSERT INTO webhook_deliveries (webhook, message_id, message_type, delivered_at)
            VALUES ($1, $2, $3, $4)
            """,
            connection,
            transaction)
        {
            Parameters = { new() { Value = webhook }, new() { Value = messageId }, new() { Value = messageType }, new() { Value = clock.GetUtcNow() } },
        })
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<WebhookDelivery>> GetDeliveriesAsync(Guid messageId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT webhook, message_id, message_type, delivered_at
            FROM webhook_deliveries WHERE message_id = $1 ORDER BY webhook
            """);
        command.Parameters.Add(new() { Value = messageId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var deliveries = new List<WebhookDelivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            deliveries.Add(new WebhookDelivery(reader.GetString(0), reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return deliveries;
    }
}
