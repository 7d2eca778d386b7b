using System.Security.Cryptography;
using Npgsql;

namespace Monitor.Worker.Web;

/// <summary>
/// The signing key kept in PostgreSQL (web_signing_keys, seeds/sql/030): the first worker that needs it makes it, every
/// replica and every restart reads the same one. Read once per process (<see cref="SigningKey"/> keeps it).
/// </summary>
public static class PostgresSigningKeys
{
    public const string LinkKeyName = "links";

    public static byte[] LoadOrCreate(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);

        // Two replicas making one at once: the first insert wins, and both read that one. Two statements, so the read
        // sees a row another replica committed while this insert waited for it.
        using var connection = dataSource.OpenConnection();
        using (var insert = new NpgsqlCommand("INSERT INTO web_signing_keys (name, key) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", connection))
        {
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = LinkKeyName });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = RandomNumberGenerator.GetBytes(32) });
            insert.ExecuteNonQuery();
        }

        using var command = new NpgsqlCommand("SELECT key FROM web_signing_keys WHERE name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = LinkKeyName });
        return (byte[])command.ExecuteScalar()!;
    }
}
