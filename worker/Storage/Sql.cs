using Npgsql;
using NpgsqlTypes;

namespace Monitor.Worker.Storage;

/// <summary>Typed positional parameters (<c>$1</c>, <c>$2</c> …) as every PostgreSQL store writes them.</summary>
public static class Sql
{
    public static NpgsqlParameter<T> Value<T>(T value) => new() { TypedValue = value };

    public static NpgsqlParameter Text(string? value) => value is null ? Null(NpgsqlDbType.Text) : Value(value);

    /// <summary>timestamptz takes UTC only; callers may pass local offsets (e.g. +08:00).</summary>
    public static NpgsqlParameter<DateTimeOffset> Timestamp(DateTimeOffset value) => Value(value.ToUniversalTime());

    public static NpgsqlParameter Timestamp(DateTimeOffset? value) => value is { } instant ? Timestamp(instant) : Null(NpgsqlDbType.TimestampTz);

    public static NpgsqlParameter Json(string value) => new NpgsqlParameter<string> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Jsonb };

    public static NpgsqlParameter Null(NpgsqlDbType type) => new() { NpgsqlDbType = type, Value = DBNull.Value };
}
