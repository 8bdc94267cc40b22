using Jiyul.Agent.Gateway;
using Jiyul.Agent.Model;
using Jiyul.Agent.OpenAi;
using Jiyul.Agent.Prompt;
using Jiyul.Agent.Tools;

namespace Jiyul.Agent.Hosting;

/// <summary>Puts the gateway together: Kestrel on the cell's unix socket, the token check and the endpoints.</summary>
internal static class AgentApplication
{
    public const long MaxRequestBodyBytes = 10 * 1024 * 1024;

    /// <summary>
    /// The socket is opened to its group as well as its owner. The hub connects as root, which needs no bit at all;
    /// a hub run under the cell's group still gets in.
    /// </summary>
    private const UnixFileMode SocketMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    public static WebApplication Build(AgentOptions options, string[] args)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(args);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // Reloading configuration on change would start a file watcher, and so take one of the 128 inotify
            // instances that every cell on the host shares through their common uid. The image says the same in
            // DOTNET_hostBuilder__reloadConfigOnChange; saying it here keeps a run outside the image safe too.
            Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"],

            // The working directory may be the user's workspace, where an appsettings.json is the user's to write.
            ContentRootPath = AppContext.BaseDirectory,
        });

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenUnixSocket(options.GatewaySocket);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });

        // The hub gives a stopping cell a few seconds before it kills it; stop sooner than that, on our own terms.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.ConfigureHttpJsonOptions(
            json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, AgentJsonContext.Default));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SystemPromptBuilder>();
        builder.Services.AddSingleton<ModelClient>();
        builder.Services.AddSingleton<SearchKnowledgeTool>();
        builder.Services.AddSingleton<ReadSkillFileTool>();
        builder.Services.AddSingleton<AgentChat>();
        builder.Services.AddSingleton<ChatCompletionsHandler>();

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AgentApplication).FullName!);
        RemoveStaleSocket(options.GatewaySocket, logger);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            OpenSocket(options.GatewaySocket, logger);
            Log.Serving(logger, options.GatewaySocket, options.ModelSocket, options.Model);
        });

        app.UseMiddleware<CellTokenMiddleware>();
        app.MapGateway();
        return app;
    }

    /// <summary>
    /// A socket file left by an earlier run of the cell would make the bind fail; no one else serves on it.
    /// </summary>
    private static void RemoveStaleSocket(string socket, ILogger logger)
    {
        if (File.Exists(socket))
        {
            File.Delete(socket);
            Log.StaleSocketRemoved(logger, socket);
        }
    }

    private static void OpenSocket(string socket, ILogger logger)
    {
        try
        {
            File.SetUnixFileMode(socket, SocketMode);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.SocketModeNotSet(logger, socket, ex.Message);
        }
    }
}
