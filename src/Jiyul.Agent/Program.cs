var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();
app.MapGet("/readyz", () => "ok");
app.Run();
