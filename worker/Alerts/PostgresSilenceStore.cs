using Npgsql;
using static Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Alerts;

/// <summary>Silences in the silences table; ids come from its identity column.</summary>
public sealed class PostgresSilenceStore(NpgsqlDataSource dataSource, TimeProvider clock) : ISilenceStore
{
    private const string Columns = "silence_id, institution_id, unit_code, target_id, ends_at, reason, created_by, created_at, removed_at, removed_by";

    public async Task<Silence> AddAsync(NewSilence silence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silence);
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO silences (institution_id, unit_code, target_id, ends_at, reason, created_by, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            RETURNING {Columns}
            """);
        command.Parameters.Add(Text(silence.InstitutionId));
        command.Parameters.Add(Text(silence.UnitCode));
        command.Parameters.Add(Text(silence.TargetId));
        command.Parameters.Add(Timestamp(silence.EndsAt));
        command.Parameters.Add(Text(silence.Reason));
        command.Parameters.Add(Text(silence.CreatedBy));
        command.Parameters.Add(Timestamp(clock.GetUtcNow()));
        return (await ReadAsync(command, cancellationToken))[0];
    }

    public async Task<IReadOnlyList<Silence>> GetActiveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM silences WHERE removed_at IS NULL AND ends_at > $1 ORDER BY silence_id");
        command.Parameters.Add(Timestamp(now));
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<Silence>> GetAllAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM silences ORDER BY silence_id");
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<Silence?> RemoveAsync(long id, string removedBy, CancellationToken cancellationToken)
    {
        await using var remove = dataSource.CreateCommand("UPDATE silences SET removed_at = $2, removed_by = $3 WHERE silence_id = $1 AND removed_at IS NULL");
        remove.Parameters.Add(Value(id));
        remove.Parameters.Add(Timestamp(clock.GetUtcNow()));
        remove.Parameters.Add(Text(removedBy));
        await remove.ExecuteNonQueryAsync(cancellationToken);

        await using var read = dataSource.CreateCommand($"SELECT {Columns} FROM silences WHERE silence_id = $1");
        read.Parameters.Add(Value(id));
        var found = await ReadAsync(read, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    private static async Task<IReadOnlyList<Silence>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var silences = new List<Silence>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            silences.Add(new Silence(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7))
            {
                RemovedAt = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                RemovedBy = reader.IsDBNull(9) ? null : reader.GetString(9),
            });
        }

        return silences;
    }
}
