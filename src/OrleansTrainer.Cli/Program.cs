using OrleansTrainer.Cli;

return await OtrainApp.RunAsync(args, CliIO.FromProcess());
