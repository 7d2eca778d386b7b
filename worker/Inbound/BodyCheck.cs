using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Unicode;

namespace Monitor.Worker.Inbound;

/// <summary>
/// The door of an inbound queue: what a body must be before it is read as its message type, with a reason a producer
/// can act on for each problem (all of them at once, each naming its member). A body over the size limit is refused
/// unread; otherwise it must be UTF-8 JSON, an object, each member once, of its kind — text in quotes, enums by name
/// (never a number), whole numbers, dates <c>yyyy-MM-dd</c>, timestamps with an offset — and every member that is not a
/// text present. Values are quoted cut short. The rules about the values themselves (limits, known institution …) are
/// the consumers' validation.
/// </summary>
public static class BodyCheck
{
    /// <summary>At most this many entries in a list member (a graduate has six categories at most).</summary>
    public const int MaxListEntries = 20;

    private const int MaxDepth = 16;
    private const string EnvelopeUrnPrefix = "urn:message:Monitor.Messages:";
    private static readonly string[] BusinessIdMembers = ["VisitId", "ReportId", "GraduateId", "TargetId"];
    private static readonly ConcurrentDictionary<Type, Member[]> Contracts = new();

    /// <summary>What is wrong with a body meant as <paramref name="messageType"/>; empty when it may be read.</summary>
    /// <param name="messageType">The contract of the queue.</param>
    /// <param name="body">The body as received.</param>
    /// <param name="envelope">MassTransit's envelope (the message under "message") rather than raw JSON.</param>
    public static BodyProblems Check(Type messageType, ReadOnlyMemory<byte> body, bool envelope)
    {
        ArgumentNullException.ThrowIfNull(messageType);
        if (body.IsEmpty)
        {
            return BodyProblems.Of("the body is empty; send the event as a JSON object");
        }

        if (!Utf8.IsValid(body.Span))
        {
            return BodyProblems.Of($"the body is not valid UTF-8 (first bad byte at offset {FirstInvalidByte(body.Span):N0}); JSON must be sent as UTF-8");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = true });
        }
        catch (JsonException ex)
        {
            return BodyProblems.Of($"the body is not JSON: {Excerpt.Quote(ex.Message, 160)}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (envelope)
            {
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return BodyProblems.Of($"the body is {Describe(root)}, not MassTransit's envelope; raw JSON needs the content type application/json");
                }

                var problems = new List<string>();
                CheckMessageType(messageType, root, problems);
                if (!TryGetMember(root, "message", out var message))
                {
                    problems.Add("message: MassTransit's envelope holds no message");
                    return new BodyProblems(problems, null, null);
                }

                return CheckMessage(messageType, message, problems);
            }

            return CheckMessage(messageType, root, []);
        }
    }

    private static BodyProblems CheckMessage(Type messageType, JsonElement message, List<string> problems)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"the body is {Describe(message)}; expected a JSON object with the members of {messageType.Name}");
            return new BodyProblems(problems, null, null);
        }

        var members = Contracts.GetOrAdd(messageType, Describe);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in message.EnumerateObject())
        {
            seen[property.Name] = seen.GetValueOrDefault(property.Name) + 1;
            var member = members.FirstOrDefault(m => string.Equals(m.Name, property.Name, StringComparison.OrdinalIgnoreCase));
            if (seen[property.Name] == 2)
            {
                problems.Add($"{member?.Name ?? Name(property.Name)}: appears more than once; send each member once");
                continue;
            }

            if (member is not null)
            {
                CheckValue(member, property.Value, problems);
            }
        }

        foreach (var member in members.Where(m => m.Required && !seen.ContainsKey(m.Name)))
        {
            problems.Add($"{member.Name}: required{member.Expected}");
        }

        return new BodyProblems(problems, Text(message, members, BusinessIdMembers), Text(message, members, ["InstitutionId"]));
    }

    private static void CheckValue(Member member, JsonElement value, List<string> problems)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (member.Required)
            {
                problems.Add($"{member.Name}: required{member.Expected}, got null");
            }

            return;
        }

        var problem = member.Kind switch
        {
            Kind.Text => value.ValueKind == JsonValueKind.String ? StringProblem(value) : $"expected text in quotes, got {Describe(value)}",
            Kind.TextList => ListProblem(member, value, problems),
            Kind.Enum => EnumProblem(member.Type, value),
            Kind.WholeNumber => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _) ? null : $"expected a whole number, got {Describe(value)}",
            Kind.Date => DateProblem(value),
            Kind.Timestamp => TimestampProblem(value),
            _ => null,
        };
        if (problem is not null)
        {
            problems.Add($"{member.Name}: {problem}");
        }
    }

    private static string? StringProblem(JsonElement value)
    {
        try
        {
            _ = value.GetString();
            return null;
        }
        catch (InvalidOperationException)
        {
            return $"holds an escape that is not a character (a broken surrogate pair): {Excerpt.Quote(value.GetRawText())}";
        }
    }

    private static string? ListProblem(Member member, JsonElement value, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return $"expected a list of texts in [ ], got {Describe(value)}";
        }

        var count = value.GetArrayLength();
        if (count > MaxListEntries)
        {
            return $"{count:N0} entries, at most {MaxListEntries}";
        }

        var index = 0;
        foreach (var entry in value.EnumerateArray())
        {
            if ((entry.ValueKind == JsonValueKind.String ? StringProblem(entry) : $"expected text in quotes, got {Describe(entry)}") is { } problem)
            {
                problems.Add($"{member.Name}[{index}]: {problem}");
            }

            index++;
        }

        return null;
    }

    private static string? EnumProblem(Type enumType, JsonElement value)
    {
        var names = string.Join(", ", Enum.GetNames(enumType));
        if (value.ValueKind == JsonValueKind.Number)
        {
            return $"{Excerpt.Quote(value.GetRawText())} is a number; send one of the names {names} (numbers are not accepted)";
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return $"expected one of the names {names}, got {Describe(value)}";
        }

        var text = value.GetString()!;
        return Enum.GetNames(enumType).Any(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase))
            ? null
            : $"{Excerpt.Quote(text)} is not one of {names}";
    }

    private static string? DateProblem(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return $"expected a date \"yyyy-MM-dd\" in quotes, got {Describe(value)}";
        }

        var text = value.GetString()!;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null
            : $"{Excerpt.Quote(text)} is not a date in the form yyyy-MM-dd";
    }

    private static string? TimestampProblem(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return $"expected an ISO 8601 timestamp with an offset in quotes, got {Describe(value)}";
        }

        var text = value.GetString()!;
        if (!value.TryGetDateTimeOffset(out _))
        {
            return $"{Excerpt.Quote(text)} is not an ISO 8601 timestamp such as 2024-05-22T10:15:00+08:00";
        }

        // Without an offset the reader would assume one (the machine's, or UTC) and the instant would be hours off.
        var time = text.IndexOf('T', StringComparison.Ordinal);
        var zone = time < 0 ? string.Empty : text[time..];
        return zone.EndsWith('Z') || zone.EndsWith('z') || zone.LastIndexOfAny(['+', '-']) > 0
            ? null
            : $"{Excerpt.Quote(text)} has no offset; write the time zone too, e.g. 2024-05-22T10:15:00+08:00 (Beijing time) or 2024-05-22T02:15:00Z (UTC)";
    }

    private static void CheckMessageType(Type messageType, JsonElement envelope, List<string> problems)
    {
        var expected = EnvelopeUrnPrefix + messageType.Name;
        if (!TryGetMember(envelope, "messageType", out var types) || types.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"messageType: MassTransit's envelope names no message type; this queue reads {messageType.Name}");
            return;
        }

        var named = types.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString() : t.GetRawText()).ToList();
        if (!named.Contains(expected, StringComparer.Ordinal))
        {
            problems.Add($"messageType: {Excerpt.Quote(string.Join(", ", named), 120)} is not a message type this queue reads (only {messageType.Name})");
        }
    }

    private static bool TryGetMember(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string? Text(JsonElement message, Member[] members, string[] names)
    {
        foreach (var name in names)
        {
            if (members.Any(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
                && TryGetMember(message, name, out var value) && value.ValueKind == JsonValueKind.String && StringProblem(value) is null)
            {
                return EventRejection.Shorten(value.GetString());
            }
        }

        return null;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object { }",
        JsonValueKind.Array => "a list [ ]",
        JsonValueKind.String => $"the text {Excerpt.Quote(value.GetString())}",
        JsonValueKind.Number => $"the number {Excerpt.Quote(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()} (true/false)",
        _ => "JSON null",
    };

    private static string Name(string name) => EventRejection.Shorten(name) ?? name;

    private static int FirstInvalidByte(ReadOnlySpan<byte> body)
    {
        var buffer = new char[4096];
        var offset = 0;
        while (offset < body.Length)
        {
            var status = Utf8.ToUtf16(body[offset..], buffer, out var read, out _, replaceInvalidSequences: false);
            if (status == System.Buffers.OperationStatus.InvalidData)
            {
                return offset + read;
            }

            if (read == 0)
            {
                break;
            }

            offset += read;
        }

        return offset;
    }

    private static Member[] Describe(Type type)
    {
        return
        [
            .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p =>
            {
                var underlying = Nullable.GetUnderlyingType(p.PropertyType);
                var clr = underlying ?? p.PropertyType;
                var kind = clr == typeof(string) ? Kind.Text
                    : clr == typeof(IReadOnlyList<string>) ? Kind.TextList
                    : clr.IsEnum ? Kind.Enum
                    : clr == typeof(int) ? Kind.WholeNumber
                    : clr == typeof(DateOnly) ? Kind.Date
                    : clr == typeof(DateTimeOffset) ? Kind.Timestamp
                    : Kind.Other;
                var required = p.PropertyType.IsValueType && underlying is null;
                var expected = kind switch
                {
                    Kind.Enum => $" (one of {string.Join(", ", Enum.GetNames(clr))})",
                    Kind.Date => " (a date yyyy-MM-dd)",
                    Kind.Timestamp => " (an ISO 8601 timestamp with an offset)",
                    Kind.WholeNumber => " (a whole number)",
                    _ => string.Empty,
                };
                return new Member(JsonNamingPolicy.CamelCase.ConvertName(p.Name), kind, clr, required, expected);
            }),
        ];
    }

    private enum Kind
    {
        Text,
        TextList,
        Enum,
        WholeNumber,
        Date,
        Timestamp,
        Other,
    }

    private sealed record Member(string Name, Kind Kind, Type Type, bool Required, string Expected);
}

/// <summary>What <see cref="BodyCheck"/> found, with the producer's ids when they could be read.</summary>
public sealed record BodyProblems(IReadOnlyList<string> Errors, string? BusinessId, string? InstitutionId)
{
    public static BodyProblems Of(string error) => new([error], null, null);
}
