using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Monitor.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in for the WeCom and DingTalk robot servers on 127.0.0.1 (a free port): records every request and answers
/// each path from its script (HTTP status and body), then with HTTP 200 <c>{"errcode":0,"errmsg":"ok"}</c>.
/// </summary>
public sealed class RobotListener : IAsyncDisposable
{
    public const string Ok = """{"errcode":0,"errmsg":"ok"}""";

    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Body)>> scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RobotRequest> requests = new();
    private readonly Task loop;

    private RobotListener(int port)
    {
        Address = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(Address.ToString());
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri Address { get; }

    public IReadOnlyList<RobotRequest> Requests => [.. requests];

    public static RobotListener Start() => new(FreePort());

    /// <summary>The next answers on <paramref name="path"/> (e.g. "/wecom"), in order; afterwards every answer is <see cref="Ok"/>.</summary>
    public void Script(string path, params (int Status, string Body)[] answers)
    {
        var queue = scripts.GetOrAdd(path, _ => new());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.AbsolutePath;
            var (status, answer) = scripts.TryGetValue(path, out var queue) && queue.TryDequeue(out var next) ? next : (200, Ok);
            requests.Enqueue(new RobotRequest(path, context.Request.Url!.Query, context.Request.ContentType, body, status, answer));
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}

/// <summary>One request the robot received, with the answer it gave.</summary>
public sealed record RobotRequest(string Path, string Query, string? ContentType, string Body, int Status, string Answer)
{
    public bool Succeeded => Status == 200 && Answer == RobotListener.Ok;
}
