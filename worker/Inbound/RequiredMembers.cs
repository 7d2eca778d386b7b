using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Monitor.Messages;

namespace Monitor.Worker.Inbound;

/// <summary>
/// The value-type members of inbound events (tier, mode, destination, dates, counts) have no "missing" value of their
/// own: a body that left one out would be read as Leadership, Outgoing, AgreementEmployment, 0001-01-01 or 0 and could
/// pass validation. Marked required, a missing member makes the body unreadable instead — MassTransit moves it to the
/// error queue and <see cref="ReceiveFaultConsumer"/> publishes an EventRejected naming it.
/// </summary>
public static class RequiredMembers
{
    private static readonly HashSet<Type> Inbound =
    [
        typeof(EnterpriseVisitRecorded),
        typeof(EnterpriseVisitCancelled),
        typeof(GraduateRegistered),
        typeof(GraduateWithdrawn),
        typeof(GraduateDestinationReported),
    ];

    /// <summary>A copy of <paramref name="options"/> whose inbound events require their value-type members.</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new JsonSerializerOptions(options)
        {
            TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(RequireValueMembers),
        };
    }

    private static void RequireValueMembers(JsonTypeInfo info)
    {
        if (!Inbound.Contains(info.Type))
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null)
            {
                property.IsRequired = true;
            }
        }
    }
}
