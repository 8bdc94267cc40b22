using Jiyul.Hub.Data;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Hosting;

internal sealed class HubOptionsValidator(IHostEnvironment environment) : IValidateOptions<HubOptions>
{
    public ValidateOptionsResult Validate(string? name, HubOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Hub:DataDirectory is empty; it must name the directory the hub keeps its state in.");
        }

        if (string.IsNullOrWhiteSpace(options.PackDirectory))
        {
            failures.Add("Hub:PackDirectory is empty; it must name the knowledge pack (persona/ and skills/).");
        }
        else
        {
            // Cells mount the pack's skills; a missing folder would fail every start, so it fails here instead.
            var pack = Path.GetFullPath(options.PackDirectory, environment.ContentRootPath);
            foreach (var folder in new[] { "persona", "skills" })
            {
                if (!Directory.Exists(Path.Combine(pack, folder)))
                {
                    failures.Add($"Hub:PackDirectory is '{pack}', which has no {folder}/ folder; it must name a knowledge pack.");
                }
            }
        }

        if (options.Database == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("Hub:Database is Postgres but Hub:ConnectionString is empty; give the server's connection string.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
