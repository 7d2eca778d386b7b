using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Monitor.Worker.Web;

/// <summary>Ready only while PostgreSQL answers a query (Storage=Postgres).</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        var where = $"PostgreSQL at {settings.Host}:{settings.Port}, database '{settings.Database}'";
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{where} answers");
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{where}: {ex.Message}");
        }
    }
}
