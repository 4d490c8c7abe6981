using System.Runtime.InteropServices;
using OrleansTrainer.Cli;

// The first Ctrl-C (or SIGTERM) cancels the command, which then cleans up (an upload deletes what it stored); a second
// one ends the process at once.
using var interrupt = new CancellationTokenSource();
void Interrupt(PosixSignalContext signal)
{
    if (!interrupt.IsCancellationRequested)
    {
        signal.Cancel = true;
        interrupt.Cancel();
    }
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
return await OtrainApp.RunAsync(args, CliIO.FromProcess(), interrupt.Token);
