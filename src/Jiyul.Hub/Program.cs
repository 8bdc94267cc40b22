using Jiyul.Hub.Hosting;

var app = HubApplication.Create(args);
await app.RunAsync();
