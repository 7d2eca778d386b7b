using Monitor.Worker.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddMonitor();
await builder.Build().RunAsync();
