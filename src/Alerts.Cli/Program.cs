using Alerts.Cli;

return await AlertsCli.RunAsync(args, Console.Out, Console.Error);
