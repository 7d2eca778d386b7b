using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Monitor.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh RabbitMQ virtual host (through the management HTTP API), with full permissions for the test user, deleted
/// on dispose: tests in different virtual hosts never see each other's exchanges or queues.
/// </summary>
public sealed class TestVirtualHost : IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly List<string> users = [];

    private TestVirtualHost(HttpClient http, string name)
    {
        this.http = http;
        Name = name;
    }

    public string Name { get; }

    private string Encoded => Uri.EscapeDataString(Name);

    public static async Task<TestVirtualHost> CreateAsync()
    {
        var http = new HttpClient { BaseAddress = TestSettings.RabbitMqManagement, Timeout = TimeSpan.FromSeconds(30) };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestSettings.RabbitMqUser}:{TestSettings.RabbitMqPass}"));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        var vhost = new TestVirtualHost(http, $"monitor-test-{Guid.NewGuid():N}");
        try
        {
            using (var created = await http.PutAsync(new Uri($"api/vhosts/{vhost.Encoded}", UriKind.Relative), null))
            {
                await EnsureSuccessAsync(created, $"create virtual host {vhost.Name}");
            }

            var permissions = JsonContent.Create(new { configure = ".*", write = ".*", read = ".*" });
            var user = Uri.EscapeDataString(TestSettings.RabbitMqUser);
            using (var granted = await http.PutAsync(new Uri($"api/permissions/{vhost.Encoded}/{user}", UriKind.Relative), permissions))
            {
                await EnsureSuccessAsync(granted, $"grant {TestSettings.RabbitMqUser} permissions on {vhost.Name}");
            }

            return vhost;
        }
        catch
        {
            await vhost.DisposeAsync();
            throw;
        }
    }

    /// <summary>The management API's view of a queue: messages (ready + unacknowledged) and messages acknowledged so far.</summary>
    public async Task<QueueStats> GetQueueStatsAsync(string queue)
    {
        using var response = await http.GetAsync(new Uri($"api/queues/{Encoded}/{Uri.EscapeDataString(queue)}", UriKind.Relative));
        await EnsureSuccessAsync(response, $"read queue {queue}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        var messages = root.TryGetProperty("messages", out var m) ? m.GetInt64() : 0;
        var acked = root.TryGetProperty("message_stats", out var stats) && stats.TryGetProperty("ack", out var ack) ? ack.GetInt64() : 0;
        return new QueueStats(messages, acked);
    }

    /// <summary>A user (no tags) with these permissions on this virtual host only, deleted with it.</summary>
    public async Task<string> CreateUserAsync(string password, string configure, string write, string read)
    {
        var user = $"{Name}-user-{users.Count + 1}";
        using (var created = await http.PutAsync(new Uri($"api/users/{Uri.EscapeDataString(user)}", UriKind.Relative), JsonContent.Create(new { password, tags = "" })))
        {
            await EnsureSuccessAsync(created, $"create user {user}");
        }

        users.Add(user);
        using var granted = await http.PutAsync(
            new Uri($"api/permissions/{Encoded}/{Uri.EscapeDataString(user)}", UriKind.Relative), JsonContent.Create(new { configure, write, read }));
        await EnsureSuccessAsync(granted, $"grant {user} permissions on {Name}");
        return user;
    }

    /// <summary>Applies a policy (e.g. a queue length limit) to the queues whose names match <paramref name="pattern"/>.</summary>
    public async Task SetQueuePolicyAsync(string name, string pattern, object definition)
    {
        var body = JsonContent.Create(new Dictionary<string, object> { ["pattern"] = pattern, ["definition"] = definition, ["apply-to"] = "queues", ["priority"] = 10 });
        using var response = await http.PutAsync(new Uri($"api/policies/{Encoded}/{Uri.EscapeDataString(name)}", UriKind.Relative), body);
        await EnsureSuccessAsync(response, $"set policy {name}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var user in users)
            {
                using var gone = await http.DeleteAsync(new Uri($"api/users/{Uri.EscapeDataString(user)}", UriKind.Relative));
            }

            using var deleted = await http.DeleteAsync(new Uri($"api/vhosts/{Encoded}", UriKind.Relative));
        }
        finally
        {
            http.Dispose();
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"RabbitMQ management API at {TestSettings.RabbitMqManagement} could not {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}

/// <summary>A queue's message count and how many deliveries were acknowledged (management statistics, refreshed every few seconds).</summary>
public sealed record QueueStats(long Messages, long Acknowledged);
