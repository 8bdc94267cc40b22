using Jiyul.Agent.Hosting;

var options = AgentOptions.FromEnvironment(Environment.GetEnvironmentVariable);
var errors = options.Validate();
if (errors.Count > 0)
{
    foreach (var error in errors)
    {
        await Console.Error.WriteLineAsync(error);
    }

    return 2;
}

await using var app = AgentApplication.Build(options, args);
await app.RunAsync();
return 0;
