using Monitor.Worker.Tools.Cli;

return await CliApp.RunAsync(args);
