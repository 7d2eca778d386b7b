using Monitor.Worker.Cli;

return await CliApp.RunAsync(args);
