using System.Net.Sockets;
using Monitor.Worker.Inbound;
using Npgsql;

namespace Monitor.Worker.Storage;

/// <summary>
/// Asks PostgreSQL whether it answers, on a connection of its own outside the pool (pooled connections opened before a
/// restart are broken and would say no although the server is back), and tells transient failures from others.
/// </summary>
public sealed class PostgresProbe : IStoreProbe, IDisposable
{
    private readonly NpgsqlDataSource pooled;
    private readonly NpgsqlDataSource single;

    public PostgresProbe(string connectionString, NpgsqlDataSource pooled)
    {
        this.pooled = pooled;
        single = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5, CommandTimeout = 5 }.ConnectionString)
        {
            Name = "monitor-probe",
        }.Build();
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = single.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or SocketException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Npgsql's own judgement (a lost connection, a time-out, PostgreSQL's class 08, 40001 serialization failure,
    /// 40P01 deadlock, 53 insufficient resources, 57P0x shutting down …).
    /// </summary>
    public bool IsTransient(Exception exception) => exception switch
    {
        NpgsqlException npgsql => npgsql.IsTransient,
        TimeoutException or SocketException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    public void Recovered() => pooled.Clear();

    public void Dispose() => single.Dispose();
}
