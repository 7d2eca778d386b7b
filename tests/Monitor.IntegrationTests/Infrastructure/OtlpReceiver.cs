using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in OpenTelemetry collector speaking OTLP/HTTP on a free port of 127.0.0.1: it keeps every export request
/// (path, content type, protobuf body) and answers 200 with an empty response, as a collector that accepted them all.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private OtlpReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<Export> Exports { get; } = new();

    /// <summary>The receiver's address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Address => new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            receiver.Exports.Enqueue(new Export(signal, context.Request.ContentType, body.ToArray()));
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Whether some export of <paramref name="signal"/> ("traces", "metrics") holds <paramref name="text"/> (protobuf keeps strings as UTF-8).</summary>
    public bool Received(string signal, string text) =>
        Exports.Any(e => e.Signal == signal && e.Body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public sealed record Export(string Signal, string? ContentType, byte[] Body);
}
