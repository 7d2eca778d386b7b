using System.Text;
using System.Text.Json.Nodes;

namespace Monitor.IntegrationTests.Inbound;

/// <summary>
/// Malformed input of every kind measured against the worker, as raw AMQP bodies: wrong kinds, missing members,
/// unknown and numeric enums, impossible and out-of-range dates, control characters, broken UTF-8 and surrogates,
/// oversized values and bodies, SQL- and markup-looking text in coded fields, emoji and right-to-left text,
/// conflicting duplicates (each after a first version, its <see cref="MalformedInput.Setup"/>). Shared by the
/// integration test and the damage suite. Ids of refused events start with <c>bad-{run}-</c>, of first versions with
/// <c>first-{run}-</c>.
/// </summary>
public static class MalformedInputs
{
    public const string Visits = "Monitor.Messages:EnterpriseVisitRecorded";
    public const string Cancellations = "Monitor.Messages:EnterpriseVisitCancelled";
    public const string Registrations = "Monitor.Messages:GraduateRegistered";
    public const string Withdrawals = "Monitor.Messages:GraduateWithdrawn";
    public const string Reinstatements = "Monitor.Messages:GraduateReinstated";
    public const string Reports = "Monitor.Messages:GraduateDestinationReported";
    public const string Requests = "Monitor.Messages:EvaluationRequested";

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonObject Visit(string id) => Parse($$"""
        {"visitId":"{{id}}","institutionId":"tjqg","tier":"Unit","unitCode":"JX","employerName":"天津{{id}}有限公司","employerCreditCode":null,"visitedOn":"2024-05-10","mode":"Outgoing","positionsOpened":3}
        """);

    private static JsonObject Cancellation(string id) => Parse($$"""{"visitId":"{{id}}","institutionId":"tjqg","reason":"误录"}""");

    private static JsonObject Registration(string id) => Parse($$"""
        {"institutionId":"tjqg","cohortYear":2024,"graduateId":"{{id}}","unitCode":"JX","major":"机电一体化技术","disadvantaged":[]}
        """);

    private static JsonObject Withdrawal(string id) => Parse($$"""{"institutionId":"tjqg","cohortYear":2024,"graduateId":"{{id}}","reason":"延期毕业"}""");

    private static JsonObject Reinstatement(string id) => Parse($$"""{"institutionId":"tjqg","cohortYear":2024,"graduateId":"{{id}}","reason":"误报延期"}""");

    private static JsonObject Report(string id) => Parse($$"""
        {"reportId":"{{id}}","institutionId":"tjqg","cohortYear":2024,"graduateId":"g-{{id}}","destination":"ContractEmployment","effectiveOn":"2024-06-01","reportedAt":"2024-06-02T09:00:00+08:00","employerName":null,"employerCreditCode":null}
        """);

    /// <summary>A copy of <paramref name="message"/> with <paramref name="member"/> set to raw JSON, or removed when null.</summary>
    private static byte[] With(JsonObject message, string member, string? rawJson)
    {
        var copy = message.DeepClone().AsObject();
        if (rawJson is null)
        {
            copy.Remove(member);
        }
        else
        {
            copy[member] = JsonNode.Parse(rawJson);
        }

        return Encoding.UTF8.GetBytes(copy.ToJsonString());
    }

    private static string Text(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    public static List<MalformedInput> Cases(string run)
    {
        var sequence = 0;
        string Bad() => $"bad-{run}-{++sequence}";
        var cases = new List<MalformedInput>();
        void Add(string name, string exchange, byte[] body, string reason, string? contentType = "application/json", params MalformedSetup[] setup) =>
            cases.Add(new MalformedInput(name, exchange, body, reason, contentType, setup));
        void VisitWith(string name, string member, string? raw, string reason) => Add(name, Visits, With(Visit(Bad()), member, raw), reason);

        // Wrong kinds, unknown and numeric enums.
        VisitWith("tier as a number", "tier", "1", "tier: '1' is a number; send one of the names Leadership, Unit");
        VisitWith("tier as a quoted number", "tier", "\"1\"", "tier: '1' is not one of Leadership, Unit");
        VisitWith("tier as true", "tier", "true", "tier: expected one of the names Leadership, Unit, got true");
        VisitWith("tier as an object", "tier", "{}", "tier: expected one of the names");
        VisitWith("unknown tier", "tier", "\"Dean\"", "tier: 'Dean' is not one of Leadership, Unit");
        VisitWith("mode as a number", "mode", "0", "mode: '0' is a number");
        VisitWith("unknown mode", "mode", "\"Online\"", "mode: 'Online' is not one of Outgoing, Incoming");
        VisitWith("count in quotes", "positionsOpened", "\"4\"", "positionsOpened: expected a whole number, got the text '4'");
        VisitWith("fractional count", "positionsOpened", "4.5", "positionsOpened: expected a whole number");
        VisitWith("count beyond int", "positionsOpened", "1e20", "positionsOpened: expected a whole number");
        VisitWith("negative count", "positionsOpened", "-1", "positionsOpened: -1 is not between 0 and 100000");
        VisitWith("huge count", "positionsOpened", "100001", "positionsOpened: 100001 is not between 0 and 100000");
        VisitWith("count as a list", "positionsOpened", "[3]", "positionsOpened: expected a whole number, got a list");
        VisitWith("name as a number", "employerName", "12", "employerName: expected text in quotes, got the number '12'");
        VisitWith("name as a list", "employerName", "[\"a\"]", "employerName: expected text in quotes, got a list");
        VisitWith("name null", "employerName", "null", "employerName: required");
        VisitWith("name empty", "employerName", "\"\"", "employerName: required");
        VisitWith("id as a number", "visitId", "12", "visitId: expected text in quotes");
        VisitWith("id null", "visitId", "null", "visitId: required");
        VisitWith("institution as a number", "institutionId", "7", "institutionId: expected text in quotes");

        // Missing members.
        VisitWith("tier missing", "tier", null, "tier: required (one of Leadership, Unit)");
        VisitWith("mode missing", "mode", null, "mode: required (one of Outgoing, Incoming)");
        VisitWith("count missing", "positionsOpened", null, "positionsOpened: required (a whole number)");
        VisitWith("date missing", "visitedOn", null, "visitedOn: required (a date yyyy-MM-dd)");
        VisitWith("institution missing", "institutionId", null, "institutionId: required");
        VisitWith("unit missing on a unit visit", "unitCode", null, "unitCode: required for a Unit visit");

        // Dates.
        VisitWith("date as a number", "visitedOn", "20240510", "visitedOn: expected a date \"yyyy-MM-dd\" in quotes");
        VisitWith("slashed date", "visitedOn", "\"2024/05/10\"", "visitedOn: '2024/05/10' is not a date in the form yyyy-MM-dd");
        VisitWith("30 February", "visitedOn", "\"2024-02-30\"", "visitedOn: '2024-02-30' is not a date");
        VisitWith("month 13", "visitedOn", "\"2024-13-01\"", "visitedOn: '2024-13-01' is not a date");
        VisitWith("year one", "visitedOn", "\"0001-01-01\"", "visitedOn: required");
        VisitWith("before 2000", "visitedOn", "\"1999-12-31\"", "visitedOn: 1999-12-31 is before 2000");
        VisitWith("far future", "visitedOn", "\"9999-12-31\"", "visitedOn: 9999-12-31 is in the future");
        VisitWith("date with a time", "visitedOn", "\"2024-05-10T08:00:00\"", "visitedOn: '2024-05-10T08:00:00' is not a date");

        // Control characters, broken characters, sizes.
        VisitWith("NUL in the name", "employerName", Text("天津\0港集团"), "employerName: contains U+0000 (a NUL character)");
        VisitWith("NUL in the id", "visitId", Text(Bad() + "\0"), "visitId: contains U+0000");
        VisitWith("escape sequence in the name", "employerName", Text("天津\u001B[31m港集团"), "employerName: contains U+001B (a control character)");
        VisitWith("line break in the name", "employerName", Text("天津\n港集团"), "employerName: contains U+000A (a line break)");
        VisitWith("DEL in the name", "employerName", Text("天津\u007F港"), "employerName: contains U+007F");
        VisitWith("C1 control in the name", "employerName", Text("天津\u0085港"), "employerName: contains U+0085");
        VisitWith("right-to-left override in the name", "employerName", Text("\u202E司公团集港津天"), "employerName: contains U+202E (a bidirectional override)");
        Add("escaped lone surrogate", Visits, Encoding.UTF8.GetBytes(Visit(Bad()).ToJsonString().Replace("\"employerName\":\"", "\"employerName\":\"\\ud800", StringComparison.Ordinal)), "employerName: holds an escape that is not a character");
        VisitWith("noncharacter", "employerName", Text("天津\uFFFF"), "employerName: contains U+FFFF");
        VisitWith("201-character name", "employerName", Text(new string('企', 201)), "employerName: 201 characters, over the limit of 200");
        VisitWith("100,000-character name", "employerName", Text(new string('x', 100_000)), "employerName: 100,000 characters, over the limit of 200");
        VisitWith("101-character id", "visitId", Text(new string('v', 101)), "visitId: 101 characters, over the limit of 100");
        VisitWith("long credit code", "employerCreditCode", Text(new string('9', 5000)), "employerCreditCode: '9999999999999999999999999999999999999999…' (5,000 characters) is not a credit code");
        Add("body over 256 KB", Visits, With(Visit(Bad()), "employerName", Text(new string('a', 300_000))), "the body has 300,", "application/json");

        // Codes, SQL- and markup-looking text, emoji and right-to-left text in coded fields.
        VisitWith("unknown institution", "institutionId", "\"nankai\"", "institutionId: 'nankai' is not a configured institution");
        VisitWith("SQL in the institution", "institutionId", Text("tjqg'; DROP TABLE visits; --"), "institutionId: 'tjqg'; DROP TABLE visits; --' is not a configured institution");
        VisitWith("markup in the unit", "unitCode", Text("<script>alert(1)</script>"), "unitCode: '<script>alert(1)</script>' is not a unit of tjqg");
        VisitWith("right-to-left text as the unit", "unitCode", Text("كلية"), "unitCode: 'كلية' is not a unit of tjqg");
        VisitWith("emoji as the unit", "unitCode", Text("😀"), "unitCode: '😀' is not a unit of tjqg");
        VisitWith("unknown unit", "unitCode", "\"XX\"", "unitCode: 'XX' is not a unit of tjqg");
        VisitWith("credit code check character", "employerCreditCode", "\"91120116MA05K3T8XD\"", "check character is 'D', expected 'C'");
        VisitWith("emoji in the credit code", "employerCreditCode", Text("9112011😀MA05K3T8X"), "is not allowed");
        VisitWith("short credit code", "employerCreditCode", "\"9112\"", "must have 18 characters, has 4");

        // Bodies that are not an event at all.
        Add("JSON null body", Visits, "null"u8.ToArray(), "the body is JSON null; expected a JSON object with the members of EnterpriseVisitRecorded");
        Add("empty body", Visits, [], "the body is empty");
        Add("list body", Visits, "[1,2,3]"u8.ToArray(), "the body is a list [ ]");
        Add("text body", Visits, "\"visit\""u8.ToArray(), "the body is the text 'visit'");
        Add("number body", Visits, "42"u8.ToArray(), "the body is the number '42'");
        Add("not JSON", Visits, "visitId=1&tier=Unit"u8.ToArray(), "the body is not JSON");
        Add("truncated JSON", Visits, Encoding.UTF8.GetBytes(Visit(Bad()).ToJsonString()[..60]), "the body is not JSON");
        Add("XML", Visits, "<visit id=\"1\"/>"u8.ToArray(), "the body is not JSON");
        Add("invalid UTF-8", Visits, [.. "{\"visitId\":\""u8.ToArray(), 0xC3, 0x28, .. "\"}"u8.ToArray()], "the body is not valid UTF-8 (first bad byte at offset 12)");
        Add("Latin-1 encoded", Visits, Encoding.Latin1.GetBytes(Visit(Bad()).ToJsonString().Replace("\"JX\"", "\"Café\"", StringComparison.Ordinal)), "the body is not valid UTF-8");
        Add("nested 100 deep", Visits, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100)), "the body is not JSON");
        Add("duplicate key", Visits, Encoding.UTF8.GetBytes(Visit(Bad()).ToJsonString().Replace("\"tier\":\"Unit\"", "\"tier\":\"Unit\",\"tier\":\"Leadership\"", StringComparison.Ordinal)), "tier: appears more than once");
        Add("duplicate key in another case", Visits, Encoding.UTF8.GetBytes(Visit(Bad()).ToJsonString().Replace("\"mode\":\"Outgoing\"", "\"mode\":\"Outgoing\",\"MODE\":\"Incoming\"", StringComparison.Ordinal)), "mode: appears more than once");
        Add("no content type", Visits, Encoding.UTF8.GetBytes(Visit(Bad()).ToJsonString()), "content_type: not set", contentType: null);
        Add("text/plain", Visits, Encoding.UTF8.GetBytes(Visit(Bad()).ToJsonString()), "content_type: 'text/plain' is not read here", contentType: "text/plain");
        Add("raw JSON sent as an envelope", Visits, Encoding.UTF8.GetBytes(Visit(Bad()).ToJsonString()), "messageType: MassTransit's envelope names no message type", contentType: "application/vnd.masstransit+json");
        Add("envelope of an unknown type", Visits, Encoding.UTF8.GetBytes($$"""{"messageType":["urn:message:Evil:Payout"],"message":{{Visit(Bad()).ToJsonString()}}}"""), "is not a message type this queue reads (only EnterpriseVisitRecorded)", contentType: "application/vnd.masstransit+json");

        // Conflicting duplicates: the same id with other content, after a first version that is kept.
        var visitId = $"first-{run}-v";
        Add("visit reused with another employer", Visits, With(Visit(visitId), "employerName", "\"另一家公司\""), $"visitId: '{visitId}' was recorded before with other content", "application/json", new MalformedSetup(Visits, Encoding.UTF8.GetBytes(Visit(visitId).ToJsonString())));
        var graduateId = $"first-{run}-g";
        Add("registration reused with another unit", Registrations, With(Registration(graduateId), "unitCode", "\"DZ\""), "with another unit or disadvantaged status", "application/json", new MalformedSetup(Registrations, Encoding.UTF8.GetBytes(Registration(graduateId).ToJsonString())));
        var reportId = $"first-{run}-r";
        Add("report reused with another destination", Reports, With(Report(reportId), "destination", "\"Unplaced\""), "was reported before with other content", "application/json", new MalformedSetup(Reports, Encoding.UTF8.GetBytes(Report(reportId).ToJsonString())));
        var withdrawnId = $"first-{run}-w";
        Add("withdrawal reused with another reason", Withdrawals, With(Withdrawal(withdrawnId), "reason", "\"退学\""), "was withdrawn before with another reason", "application/json", new MalformedSetup(Withdrawals, Encoding.UTF8.GetBytes(Withdrawal(withdrawnId).ToJsonString())));

        // The other message types.
        Add("cancellation without a reason", Cancellations, With(Cancellation(Bad()), "reason", null), "reason: required");
        Add("cancellation with a null reason", Cancellations, With(Cancellation(Bad()), "reason", "null"), "reason: required");
        Add("cancellation reason with NUL", Cancellations, With(Cancellation(Bad()), "reason", Text("误\0录")), "reason: contains U+0000");
        Add("cancellation reason of 501 characters", Cancellations, With(Cancellation(Bad()), "reason", Text(new string('误', 501))), "reason: 501 characters, over the limit of 500");
        Add("cancellation of another institution", Cancellations, With(Cancellation(Bad()), "institutionId", "\"nankai\""), "institutionId: 'nankai' is not a configured institution");
        Add("registration without a unit", Registrations, With(Registration(Bad()), "unitCode", null), "unitCode: required");
        Add("registration in an unknown unit", Registrations, With(Registration(Bad()), "unitCode", "\"XX\""), "unitCode: 'XX' is not a unit of tjqg");
        Add("unknown category", Registrations, With(Registration(Bad()), "disadvantaged", "[\"Orphan\"]"), "disadvantaged: 'Orphan' is not one of");
        Add("categories as text", Registrations, With(Registration(Bad()), "disadvantaged", "\"LowIncome\""), "disadvantaged: expected a list of texts");
        Add("category as a number", Registrations, With(Registration(Bad()), "disadvantaged", "[1]"), "disadvantaged[0]: expected text in quotes");
        Add("25 categories", Registrations, With(Registration(Bad()), "disadvantaged", "[" + string.Join(',', Enumerable.Repeat("\"Other\"", 25)) + "]"), "disadvantaged: 25 entries, at most 20");
        Add("cohort in quotes", Registrations, With(Registration(Bad()), "cohortYear", "\"2024\""), "cohortYear: expected a whole number");
        Add("cohort 1999", Registrations, With(Registration(Bad()), "cohortYear", "1999"), "cohortYear: 1999 is not a cohort year");
        Add("major with NUL", Registrations, With(Registration(Bad()), "major", Text("机电\0")), "major: contains U+0000");
        Add("major of 300 characters", Registrations, With(Registration(Bad()), "major", Text(new string('专', 300))), "major: 300 characters, over the limit of 200");
        Add("withdrawal without a reason", Withdrawals, With(Withdrawal(Bad()), "reason", null), "reason: required");
        Add("withdrawal reason with NUL", Withdrawals, With(Withdrawal(Bad()), "reason", Text("延期\0")), "reason: contains U+0000");
        Add("withdrawal without a cohort", Withdrawals, With(Withdrawal(Bad()), "cohortYear", null), "cohortYear: required (a whole number)");
        Add("reinstatement without a reason", Reinstatements, With(Reinstatement(Bad()), "reason", null), "reason: required");
        Add("reinstatement of a 500-character id", Reinstatements, With(Reinstatement(Bad()), "graduateId", Text(new string('9', 500))), "graduateId: 500 characters, over the limit of 100");
        Add("destination as a number", Reports, With(Report(Bad()), "destination", "11"), "destination: '11' is a number; send one of the names AgreementEmployment");
        Add("destination as a quoted number", Reports, With(Report(Bad()), "destination", "\"10\""), "destination: '10' is not one of AgreementEmployment");
        Add("unknown destination", Reports, With(Report(Bad()), "destination", "\"Hired\""), "destination: 'Hired' is not one of");
        Add("destination missing", Reports, With(Report(Bad()), "destination", null), "destination: required (one of AgreementEmployment");
        Add("timestamp without offset", Reports, With(Report(Bad()), "reportedAt", "\"2024-06-02T09:00:00\""), "reportedAt: '2024-06-02T09:00:00' has no offset");
        Add("timestamp as a date", Reports, With(Report(Bad()), "reportedAt", "\"2024-06-02\""), "reportedAt: '2024-06-02' has no offset");
        Add("timestamp in words", Reports, With(Report(Bad()), "reportedAt", "\"yesterday\""), "reportedAt: 'yesterday' is not an ISO 8601 timestamp");
        Add("timestamp as a number", Reports, With(Report(Bad()), "reportedAt", "1717290000"), "reportedAt: expected an ISO 8601 timestamp");
        Add("future effective date", Reports, With(Report(Bad()), "effectiveOn", "\"2030-01-01\""), "effectiveOn: 2030-01-01 is in the future");
        Add("effective before the cohort", Reports, With(Report(Bad()), "effectiveOn", "\"2020-01-01\""), "effectiveOn: 2020-01-01 is before the 2024 cohort's final year");
        Add("report employer with NUL", Reports, With(Report(Bad()), "employerName", Text("华为\0")), "employerName: contains U+0000");
        Add("report employer of 10,000 characters", Reports, With(Report(Bad()), "employerName", Text(new string('企', 10_000))), "employerName: 10,000 characters, over the limit of 200");
        Add("report without its id", Reports, With(Report(Bad()), "reportId", null), "reportId: required");
        Add("evaluation of an unknown institution", Requests, "{\"institutionId\":\"nankai\",\"targetId\":null}"u8.ToArray(), "institutionId: 'nankai' is not a configured institution");
        Add("evaluation of an unknown target", Requests, "{\"institutionId\":null,\"targetId\":\"<img src=x onerror=alert(1)>\"}"u8.ToArray(), "targetId: '<img src=x onerror=alert(1)>' is not a configured target");
        Add("evaluation with a numeric institution", Requests, "{\"institutionId\":7}"u8.ToArray(), "institutionId: expected text in quotes");
        return cases;
    }
}

/// <summary>One malformed input: where it goes, its bytes and content type, a fragment of the reason it must be refused with.</summary>
public sealed record MalformedInput(string Name, string Exchange, byte[] Body, string Reason, string? ContentType, IReadOnlyList<MalformedSetup> Setup);

/// <summary>A valid first version published before a conflicting input.</summary>
public sealed record MalformedSetup(string Exchange, byte[] Body);
