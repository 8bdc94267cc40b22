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

// Ctrl-C cancels the run instead of killing the process, so that the clean-up in the runner still happens.
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.Cancel();
};

var runner = new BenchRunner(options, Console.Out);
return await runner.RunAsync(interrupted.Token);
