using Jiyul.Hub.Tests.Infrastructure;

namespace Jiyul.Hub.Tests.Web;

/// <summary>
/// A hub serving a small stand-in of the web app's static export, laid out as <c>next build</c> lays it out, with
/// files whose names collide with the hub's own routes, to show that those routes still win.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public const string HashedScript = "/_next/static/chunks/0abc123def.js";

    public const string HashedScriptContent = "console.log('hashed'); // " +
        "a script long enough to be worth compressing, repeated: a script long enough to be worth compressing.";

    private readonly string _directory = Directory.CreateTempSubdirectory("jiyul-web-").FullName;

    internal TestHub Hub { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Write("index.html", "<!doctype html><title>home</title>");
        Write("chat.html", "<!doctype html><title>chat page</title>");
        Write("signin.html", "<!doctype html><title>signin page</title>");
        Write("404.html", "<!doctype html><title>not found page</title>");
        Write("manifest.webmanifest", "{\"name\":\"Jiyul\"}");
        Write("sw.js", "self.addEventListener('fetch', () => {});");
        Write(HashedScript.TrimStart('/'), HashedScriptContent);

        // Files that would shadow the hub's own routes if static files won over endpoints.
        Write("api/config", "shadowed");
        Write("api/config.html", "shadowed");
        Write("api/conversations.html", "shadowed");
        Write("health.html", "shadowed");
        Write("ensure.html", "shadowed");

        Hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Hub:WebDirectory"] = _directory })
            .WaitAsync(TestHub.StartTimeout);
    }

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync().AsTask().WaitAsync(TestHub.StartTimeout);
        Directory.Delete(_directory, recursive: true);
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
