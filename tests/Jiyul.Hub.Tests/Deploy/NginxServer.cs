using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Jiyul.Hub.Tests.Infrastructure;

namespace Jiyul.Hub.Tests.Deploy;

/// <summary>
/// Debian's nginx, run by the test itself (not as a system service) on 127.0.0.1 with a configuration generated in a
/// temporary directory, forwarding to a hub with the committed deploy/nginx/jiyul-proxy.conf.
/// </summary>
internal sealed class NginxServer : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _directory;

    private NginxServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseAddress { get; }

    public string ErrorLog => Path.Combine(_directory, "error.log");

    public static async Task<NginxServer> StartAsync(Uri upstream)
    {
        var nginx = ProcessRun.Require("nginx", "./jiyul test installs the Debian package nginx");
        var directory = Directory.CreateTempSubdirectory("jiyul-nginx-").FullName;
        var port = FreePort();
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log info;
            events { worker_connections 64; }
            http {
                access_log {{directory}}/access.log;
                client_body_temp_path {{directory}}/client-body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                upstream jiyul_hub {
                    server 127.0.0.1:{{upstream.Port}};
                    keepalive 4;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://jiyul_hub;
                        include {{RepositoryRoot.Combine("deploy", "nginx", "jiyul-proxy.conf")}};
                    }
                }
            }
            """);

        var start = new ProcessStartInfo(nginx) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", directory, "-c", config })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var server = new NginxServer(process, directory, port);
        try
        {
            await server.WaitUntilListeningAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A worker may hold a log for a moment; the temp directory is cleaned by the OS.
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        using var deadline = new CancellationTokenSource(s_startTimeout);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (true)
        {
            if (_process.HasExited)
            {
                var log = File.Exists(ErrorLog) ? await File.ReadAllTextAsync(ErrorLog) : "";
                throw new InvalidOperationException(
                    $"nginx exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()} {log}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, BaseAddress.Port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
            }

            try
            {
                await tick.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"nginx did not listen on {BaseAddress} within {s_startTimeout}.");
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
