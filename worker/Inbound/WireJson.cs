using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit.Serialization.JsonConverters;

namespace Monitor.Worker.Inbound;

/// <summary>
/// MassTransit's JSON options (process-wide) brought to the wire format: inbound events require their value-type
/// members (<see cref="RequiredMembers"/>), a key may appear once, and decimals are JSON numbers — MassTransit writes
/// them as strings ("95.44") by default.
/// </summary>
public static class WireJson
{
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        var adjusted = RequiredMembers.Apply(options);
        adjusted.AllowDuplicateProperties = false;
        foreach (var strings in adjusted.Converters.OfType<StringDecimalJsonConverter>().ToList())
        {
            adjusted.Converters.Remove(strings);
        }

        if (!adjusted.Converters.OfType<DecimalNumberConverter>().Any())
        {
            adjusted.Converters.Add(new DecimalNumberConverter());
        }

        return adjusted;
    }

    /// <summary>Writes a decimal as a JSON number; reads a number, or a string written by an earlier version still queued.</summary>
    public sealed class DecimalNumberConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                return reader.GetDecimal();
            }

            if (reader.TokenType == JsonTokenType.String
                && decimal.TryParse(reader.GetString(), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            throw new JsonException($"Expected a number, found {reader.TokenType}.");
        }

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteNumberValue(value);
        }
    }
}
