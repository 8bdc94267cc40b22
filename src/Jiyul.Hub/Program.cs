using Jiyul.Hub.Hosting;
using Jiyul.Hub.Knowledge;

// `pack lint <dir>` is a command of its own: it needs none of the hub's settings or services.
if (PackCommand.Matches(args))
{
    return PackCommand.Run(args, Console.Out, Console.Error);
}

var app = HubApplication.Create(args);
await app.RunAsync();
return 0;
