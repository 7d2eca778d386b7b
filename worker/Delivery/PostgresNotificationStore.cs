using Monitor.Messages;
using Monitor.Worker.Alerts;
using Npgsql;
using static Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Delivery;

/// <summary>
/// The webhooks' queues in notification_queue, filled from the alerts table (the outbox) and the digests table, and the
/// delivery records in webhook_deliveries. Handing over claims rows with SKIP LOCKED and marks them in the same
/// transaction; sending holds a transaction-scoped advisory lock on (webhook, group) from reading the queue to recording
/// the delivery, so two replicas never post the same group.
/// </summary>
public sealed class PostgresNotificationStore(NpgsqlDataSource dataSource, TimeProvider clock) : INotificationStore
{
    private const int BatchSize = 200;

    public async Task<int> QueueNewAsync(Func<TargetStatusChanged, IReadOnlyList<string>> routeAlert, Func<DailyDigest, IReadOnlyList<string>> routeDigest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(routeAlert);
        ArgumentNullException.ThrowIfNull(routeDigest);
        var total = 0;
        int handed;
        do
        {
            handed = await QueueBatchAsync(
                "SELECT alert_id, payload FROM alerts WHERE routed_at IS NULL ORDER BY created_at, alert_id LIMIT $1 FOR UPDATE SKIP LOCKED",
                "UPDATE alerts SET routed_at = $2 WHERE alert_id = ANY($1)",
                payload =>
                {
                    var alert = AlertJson.Deserialize(payload);
                    var webhooks = NotificationRules.IsTooOld(alert.EvaluatedAt, now) ? [] : routeAlert(alert);
                    return (webhooks, new Row(alert.AlertId, NotificationKind.Alert, NotificationRules.GroupKey(alert), alert.InstitutionId, alert.EvaluatedAt, alert.Severity));
                },
                now,
                cancellationToken);
            handed += await QueueBatchAsync(
                "SELECT digest_id, payload FROM digests WHERE routed_at IS NULL ORDER BY created_at, digest_id LIMIT $1 FOR UPDATE SKIP LOCKED",
                "UPDATE digests SET routed_at = $2 WHERE digest_id = ANY($1)",
                payload =>
                {
                    var digest = DigestJson.Deserialize(payload);
                    var webhooks = NotificationRules.IsTooOld(digest.GeneratedAt, now) ? [] : routeDigest(digest);
                    return (webhooks, new Row(digest.DigestId, NotificationKind.Digest, NotificationRules.DigestGroupKey(digest.InstitutionId), digest.InstitutionId, digest.GeneratedAt, AlertSeverity.Info));
                },
                now,
                cancellationToken);
            total += handed;
        }
        while (handed >= BatchSize);

        return total;
    }

    public async Task<IReadOnlyList<PendingGroup>> GetPendingGroupsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT webhook, group_key, min(kind), min(institution_id), min(since), array_agg(DISTINCT severity)
            FROM notification_queue WHERE state = 'Pending'
            GROUP BY webhook, group_key
            ORDER BY webhook, group_key
            """);
        var groups = new List<PendingGroup>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            groups.Add(new PendingGroup(
                reader.GetString(0),
                reader.GetString(1),
                Enum.Parse<NotificationKind>(reader.GetString(2)),
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetFieldValue<string[]>(5).Select(Enum.Parse<AlertSeverity>).Max()));
        }

        return groups;
    }

    public async Task<SendResult?> SendAsync(string webhook, string groupKey, Func<IReadOnlyList<QueuedItem>, NotificationPlan> plan, Func<WebhookMessage, CancellationToken, Task> post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(post);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(hashtext('notify|' || $1), hashtext($2))", connection, transaction))
        {
            lockCommand.Parameters.Add(Text(webhook));
            lockCommand.Parameters.Add(Text(groupKey));
            if (!(bool)(await lockCommand.ExecuteScalarAsync(cancellationToken))!)
            {
                return null;
            }
        }

        // The payload is read from the outbox here, at the moment of posting: only what this Monitor wrote is posted.
        var items = new List<QueuedItem>();
        await using (var select = new NpgsqlCommand(
            """
            SELECT q.source_id, q.kind, a.payload, d.payload
            FROM notification_queue q
            LEFT JOIN alerts a ON q.kind = 'Alert' AND a.alert_id = q.source_id
            LEFT JOIN digests d ON q.kind = 'Digest' AND d.digest_id = q.source_id
            WHERE q.webhook = $1 AND q.group_key = $2 AND q.state = 'Pending'
            ORDER BY q.since, q.source_id
            """,
            connection,
            transaction))
        {
            select.Parameters.Add(Text(webhook));
            select.Parameters.Add(Text(groupKey));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new QueuedItem(
                    reader.GetGuid(0),
                    reader.IsDBNull(2) ? null : AlertJson.Deserialize(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : DigestJson.Deserialize(reader.GetString(3))));
            }
        }

        if (items.Count == 0)
        {
            return null;
        }

        var decided = plan(items);
        var already = false;
        var posted = false;
        if (decided.Message is not null)
        {
            await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM webhook_deliveries WHERE webhook = $1 AND message_id = $2)", connection, transaction))
            {
                exists.Parameters.Add(Text(webhook));
                exists.Parameters.Add(Value(decided.MessageId));
                already = (bool)(await exists.ExecuteScalarAsync(cancellationToken))!;
            }

            if (!already)
            {
                await post(decided.Message, cancellationToken);
                posted = true;
                await using var record = new NpgsqlCommand("INSERT INTO webhook_deliveries (webhook, message_id, message_type, delivered_at) VALUES ($1, $2, $3, $4)", connection, transaction);
                record.Parameters.Add(Text(webhook));
                record.Parameters.Add(Value(decided.MessageId));
                record.Parameters.Add(Text(decided.MessageType));
                record.Parameters.Add(Timestamp(clock.GetUtcNow()));
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var states = items.Select(i => decided.States.GetValueOrDefault(i.SourceId, QueueState.Sent)).ToArray();
        await using (var mark = new NpgsqlCommand(
            """
            UPDATE notification_queue q
            SET state = s.state, notification_id = CASE WHEN s.state = 'Sent' THEN $4 END, done_at = $5
            FROM unnest($2::uuid[], $3::text[]) AS s(source_id, state)
            WHERE q.webhook = $1 AND q.source_id = s.source_id
            """,
            connection,
            transaction))
        {
            mark.Parameters.Add(Text(webhook));
            mark.Parameters.Add(Value(items.Select(i => i.SourceId).ToArray()));
            mark.Parameters.Add(Value(states.Select(s => s.ToString()).ToArray()));
            mark.Parameters.Add(Value(decided.MessageId));
            mark.Parameters.Add(Timestamp(clock.GetUtcNow()));
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new SendResult(decided, posted, already);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> GetDeliveriesAsync(Guid messageId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT webhook, message_id, message_type, delivered_at
            FROM webhook_deliveries WHERE message_id = $1 ORDER BY webhook COLLATE "C"
            """);
        command.Parameters.Add(Value(messageId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var deliveries = new List<WebhookDelivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            deliveries.Add(new WebhookDelivery(reader.GetString(0), reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return deliveries;
    }

    public async Task<IReadOnlyDictionary<string, long>> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT webhook, count(*) FROM notification_queue WHERE state = 'Pending' GROUP BY webhook");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pending = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            pending[reader.GetString(0)] = reader.GetInt64(1);
        }

        return pending;
    }

    public async Task<IReadOnlyList<QueueEntry>> GetQueueAsync(string webhook, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT webhook, source_id, kind, group_key, state, notification_id
            FROM notification_queue WHERE webhook = $1 ORDER BY since, source_id
            """);
        command.Parameters.Add(Text(webhook));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<QueueEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new QueueEntry(
                reader.GetString(0),
                reader.GetGuid(1),
                Enum.Parse<NotificationKind>(reader.GetString(2)),
                reader.GetString(3),
                Enum.Parse<QueueState>(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetGuid(5)));
        }

        return entries;
    }

    /// <summary>Claims up to a batch of rows not yet handed over, queues each for its webhooks, and marks them, in one transaction.</summary>
    private async Task<int> QueueBatchAsync(string select, string markHanded, Func<string, (IReadOnlyList<string> Webhooks, Row Row)> read, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new List<Guid>();
        var queued = new List<(string Webhook, Row Row)>();
        await using (var claim = new NpgsqlCommand(select, connection, transaction))
        {
            claim.Parameters.Add(Value(BatchSize));
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetGuid(0));
                var (webhooks, row) = read(reader.GetString(1));
                queued.AddRange(webhooks.Distinct(StringComparer.Ordinal).Select(w => (w, row)));
            }
        }

        if (ids.Count == 0)
        {
            return 0;
        }

        if (queued.Count > 0)
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO notification_queue (webhook, source_id, kind, group_key, institution_id, since, severity, queued_at, state)
                SELECT w, s, k, g, i, t, v, $8, 'Pending'
                FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[]) AS r(w, s, k, g, i, t, v)
                ON CONFLICT (webhook, source_id) DO NOTHING
                """,
                connection,
                transaction);
            insert.Parameters.Add(Value(queued.Select(q => q.Webhook).ToArray()));
            insert.Parameters.Add(Value(queued.Select(q => q.Row.SourceId).ToArray()));
            insert.Parameters.Add(Value(queued.Select(q => q.Row.Kind.ToString()).ToArray()));
            insert.Parameters.Add(Value(queued.Select(q => q.Row.GroupKey).ToArray()));
            insert.Parameters.Add(Value(queued.Select(q => q.Row.InstitutionId).ToArray()));
            insert.Parameters.Add(Value(queued.Select(q => q.Row.Since.ToUniversalTime()).ToArray()));
            insert.Parameters.Add(Value(queued.Select(q => q.Row.Severity.ToString()).ToArray()));
            insert.Parameters.Add(Timestamp(now));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var mark = new NpgsqlCommand(markHanded, connection, transaction))
        {
            mark.Parameters.Add(Value(ids.ToArray()));
            mark.Parameters.Add(Timestamp(now));
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }

    private sealed record Row(Guid SourceId, NotificationKind Kind, string GroupKey, string InstitutionId, DateTimeOffset Since, AlertSeverity Severity);
}
