using System.Runtime.InteropServices;
using Jiyul.Bench;

if (!BenchOptions.TryParse(args, out var options, out var errors))
{
    foreach (var error in errors)
    {
        await Console.Error.WriteLineAsync(error);
    }

    await Console.Error.WriteLineAsync(BenchOptions.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

// Ctrl-C and SIGTERM cancel the run instead of ending the process, so that the runner still stops the hub, removes
// the bench's containers and deletes its data directory.
using var interrupted = new CancellationTokenSource();
void Interrupt(PosixSignalContext context)
{
    context.Cancel = true;
    interrupted.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);

var runner = new BenchRunner(options, Console.Out);
return await runner.RunAsync(interrupted.Token);
