using Monitor.Messages;
using Npgsql;
using static Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Alerts;

/// <summary>The digests made, in the digests table (one row per DigestId; the robots' notifier reads it).</summary>
public sealed class PostgresDigestStore(NpgsqlDataSource dataSource, TimeProvider clock) : IDigestStore
{
    public async Task<bool> SaveAsync(DailyDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO digests (digest_id, institution_id, digest_date, payload, generated_at, created_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (digest_id) DO NOTHING
            """);
        command.Parameters.Add(Value(digest.DigestId));
        command.Parameters.Add(Text(digest.InstitutionId));
        command.Parameters.Add(Value(digest.Date));
        command.Parameters.Add(Json(DigestJson.Serialize(digest)));
        command.Parameters.Add(Timestamp(digest.GeneratedAt));
        command.Parameters.Add(Timestamp(clock.GetUtcNow()));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<DailyDigest>> GetSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT payload FROM digests WHERE generated_at >= $1 ORDER BY generated_at, digest_id");
        command.Parameters.Add(Timestamp(since));
        var digests = new List<DailyDigest>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            digests.Add(DigestJson.Deserialize(reader.GetString(0)));
        }

        return digests;
    }
}
