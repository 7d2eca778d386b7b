using System.Text.Json;
using Monitor.Messages;
using Monitor.Worker.Inbound;

namespace Monitor.Tests.Inbound;

public class WireJsonSpecs
{
    private static readonly JsonSerializerOptions Options = WireJson.Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static TheoryData<Type, string> EveryEnum => new()
    {
        { typeof(VisitTier), "Unit" },
        { typeof(VisitMode), "Incoming" },
        { typeof(Destination), "Unplaced" },
        { typeof(TargetStatus), "AtRisk" },
        { typeof(AlertSeverity), "Warning" },
        { typeof(MetricKind), "PlacementRate" },
    };

    [Theory]
    [MemberData(nameof(EveryEnum))]
    public void When_an_enum_is_a_number_on_the_wire_should_refuse_it_and_read_its_name(Type enumType, string name)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("1", enumType, Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("\"1\"", enumType, Options));
        Assert.Equal(Enum.Parse(enumType, name), JsonSerializer.Deserialize($"\"{name.ToLowerInvariant()}\"", enumType, Options));
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(Enum.Parse(enumType, name), enumType, Options));
    }

    [Fact]
    public void When_a_snapshot_is_written_should_carry_its_decimals_as_json_numbers()
    {
        var snapshot = new MetricSnapshot("placement-2024", "tjqg", null, MetricKind.PlacementRate, 95.44m, 2386, 2500, 95m, 92.5m, null, TargetStatus.Met, DateTimeOffset.UnixEpoch);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(snapshot, Options));

        Assert.Equal((JsonValueKind.Number, 95.44m), (json.RootElement.GetProperty("actual").ValueKind, json.RootElement.GetProperty("actual").GetDecimal()));
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("threshold").ValueKind);
    }

    [Fact]
    public void When_a_decimal_was_written_as_a_string_by_an_earlier_version_should_still_read_it()
    {
        Assert.Equal(95.44m, JsonSerializer.Deserialize<decimal>("\"95.44\"", Options));
    }

    [Fact]
    public void When_a_key_appears_twice_should_refuse_the_body()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<EvaluationRequested>("""{"institutionId":"a","institutionId":"b"}""", Options));
    }
}
