using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Monitor.DamageTests;

/// <summary>A stand-in WeCom robot on 127.0.0.1: records every post and answers ok.</summary>
public sealed class Robot : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<string> posts = new();

    public Robot()
    {
        Address = new Uri($"http://127.0.0.1:{WorkerProcess.FreePort()}/");
        listener.Prefixes.Add(Address.ToString());
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri Address { get; }

    public IReadOnlyList<string> Posts => [.. posts];

    public void Dispose() => listener.Close();

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

            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                posts.Enqueue(await reader.ReadToEndAsync());
            }

            var answer = """{"errcode":0,"errmsg":"ok"}"""u8.ToArray();
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }
}
