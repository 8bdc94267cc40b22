using Jiyul.Hub.Backup;
using Jiyul.Hub.Hosting;
using Jiyul.Hub.Knowledge;

// `pack lint <dir>` is a command of its own: it needs none of the hub's settings or services.
if (PackCommand.Matches(args))
{
    return PackCommand.Run(args, Console.Out, Console.Error);
}

// `backup <dir>` and `restore <dir>` build the hub from the same settings, to know its paths, but never start it.
if (BackupCommand.Matches(args))
{
    return await BackupCommand.RunAsync(args, Console.Out, Console.Error);
}

var app = HubApplication.Create(args);
await app.RunAsync();
return 0;
