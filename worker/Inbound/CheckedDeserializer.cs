using System.Net.Mime;
using MassTransit;
using MassTransit.Configuration;

namespace Monitor.Worker.Inbound;

/// <summary>
/// The deserializer of an inbound queue: each body passes <see cref="BodyCheck"/> (size first, unread) before
/// MassTransit's own reader sees it, and a body refused there is an <see cref="UnreadableEventException"/> with every
/// reason. A message with no content type is said to be one, instead of being read as MassTransit's envelope.
/// </summary>
public sealed class CheckedDeserializer(IMessageDeserializer inner, Type messageType, int maxBodyBytes) : IMessageDeserializer
{
    private const string RawJson = "application/json";

    private readonly bool envelope = !string.Equals(inner.ContentType.MediaType, RawJson, StringComparison.OrdinalIgnoreCase);

    public ContentType ContentType => inner.ContentType;

    /// <summary>The two readers of an inbound queue — raw JSON and MassTransit's envelope (also the default) — behind the door.</summary>
    public static void AddTo(IReceiveEndpointConfigurator endpoint, Type messageType, int maxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        endpoint.AddDeserializer(new Factory(new SystemTextJsonRawMessageSerializerFactory(RawSerializerOptions.AnyMessageType), messageType, maxBodyBytes));
        endpoint.AddDeserializer(new Factory(new SystemTextJsonMessageSerializerFactory(), messageType, maxBodyBytes), isDefault: true);
    }

    public void Probe(ProbeContext context) => inner.Probe(context);

    public ConsumeContext Deserialize(ReceiveContext receiveContext)
    {
        ArgumentNullException.ThrowIfNull(receiveContext);
        var problems = Check(receiveContext);
        if (problems.Errors.Count > 0)
        {
            throw new UnreadableEventException(messageType.Name, problems.Errors, problems.BusinessId, problems.InstitutionId);
        }

        return inner.Deserialize(receiveContext);
    }

    public SerializerContext Deserialize(MessageBody body, Headers headers, Uri? destinationAddress = null) => inner.Deserialize(body, headers, destinationAddress);

    public MessageBody GetMessageBody(string text) => inner.GetMessageBody(text);

    private BodyProblems Check(ReceiveContext context)
    {
        if (context.ContentType is null)
        {
            return BodyProblems.Of("content_type: not set; raw JSON is read only with the AMQP property content_type = application/json");
        }

        // MassTransit hands a body of any content type it has no reader for to the default reader (the envelope's).
        if (!string.Equals(context.ContentType.MediaType, inner.ContentType.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return BodyProblems.Of($"content_type: {Excerpt.Quote(context.ContentType.MediaType)} is not read here; send raw JSON as application/json");
        }

        var length = context.Body.Length;
        if (length > maxBodyBytes)
        {
            return BodyProblems.Of($"the body has {length:N0} bytes, over the limit of {maxBodyBytes:N0} (Monitor:MaxBodyBytes); it was not read");
        }

        var body = context.Body.GetBytes();
        return body.Length > maxBodyBytes
            ? BodyProblems.Of($"the body has {body.Length:N0} bytes, over the limit of {maxBodyBytes:N0} (Monitor:MaxBodyBytes); it was not read")
            : BodyCheck.Check(messageType, body, envelope);
    }

    private sealed class Factory(ISerializerFactory inner, Type messageType, int maxBodyBytes) : ISerializerFactory
    {
        public ContentType ContentType => inner.ContentType;

        public IMessageSerializer CreateSerializer() => inner.CreateSerializer();

        public IMessageDeserializer CreateDeserializer() => new CheckedDeserializer(inner.CreateDeserializer(), messageType, maxBodyBytes);
    }
}
