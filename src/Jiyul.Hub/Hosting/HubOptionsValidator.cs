using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Hosting;

internal sealed class HubOptionsValidator : IValidateOptions<HubOptions>
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
