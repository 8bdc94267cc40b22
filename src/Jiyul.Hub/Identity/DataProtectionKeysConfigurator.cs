using Jiyul.Hub.Hosting;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Identity;

/// <summary>
/// Keeps the data protection keys under <c>{DataDirectory}/keys/dp</c>, so that the hub's bearer and refresh tokens,
/// which those keys encrypt, stay valid across restarts. The keys are stored unencrypted, readable by the hub's
/// user alone; anyone who can read the data directory can mint local tokens, as they could read the database.
/// </summary>
internal sealed class DataProtectionKeysConfigurator(HubPaths paths, ILoggerFactory loggerFactory)
    : IConfigureOptions<KeyManagementOptions>
{
    public const string ApplicationName = "jiyul-hub";

    public void Configure(KeyManagementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Path.Combine(paths.KeysDirectory, "dp");
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(directory), loggerFactory);
    }
}
