using System.Text.Json.Serialization;

namespace Monitor.Messages;

/// <summary>
/// Enums on the wire are their names only (read case-insensitively). A number, or a number in quotes, is refused: a
/// producer sending the national 毕业去向 codes (<c>"destination": 11</c>) would otherwise be read as whatever member
/// sits at that position.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class EnumNameConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
