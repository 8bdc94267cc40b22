using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Cells;

/// <summary>Checks every cell setting at start-up and lists all that are wrong, not just the first.</summary>
internal sealed class CellsOptionsValidator : IValidateOptions<CellsOptions>
{
    public ValidateOptionsResult Validate(string? name, CellsOptions options)
    {
        var failures = new List<string>();
        if (!CellRuntimes.IsKnown(options.Runtime))
        {
            failures.Add($"Cells:Runtime is '{options.Runtime}'; it must be '{CellRuntimes.Agent}' or '{CellRuntimes.OpenClaw}'.");
        }
        else if (!options.Images.TryGetValue(options.Runtime, out var image) || string.IsNullOrWhiteSpace(image))
        {
            failures.Add($"Cells:Images:{options.Runtime} is empty; it must name the image of the runtime in use.");
        }

        if (!Uri.TryCreate(options.DockerEndpoint, UriKind.Absolute, out var endpoint)
            || endpoint.Scheme is not ("unix" or "tcp" or "http"))
        {
            failures.Add($"Cells:DockerEndpoint is '{options.DockerEndpoint}'; it must be a unix:// (or tcp://) address.");
        }

        if (string.IsNullOrWhiteSpace(options.Instance)
            || options.Instance.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            failures.Add($"Cells:Instance is '{options.Instance}'; it must be letters, digits, '-', '_' or '.'.");
        }

        if (options.MemoryBytes < 64L * 1024 * 1024)
        {
            failures.Add($"Cells:MemoryBytes is {options.MemoryBytes}; it must be at least 67108864 (64 MiB).");
        }

        if (options.Cpus is <= 0 or > 256)
        {
            failures.Add($"Cells:Cpus is {options.Cpus}; it must be greater than 0 and at most 256.");
        }

        if (options.PidsLimit < 16)
        {
            failures.Add($"Cells:PidsLimit is {options.PidsLimit}; it must be at least 16.");
        }

        if (options.CullInterval <= TimeSpan.Zero)
        {
            failures.Add($"Cells:CullInterval is {options.CullInterval}; it must be greater than zero.");
        }

        if (options.IdleTimeout <= options.CullInterval)
        {
            failures.Add(
                $"Cells:IdleTimeout is {options.IdleTimeout}; it must be greater than Cells:CullInterval ({options.CullInterval}).");
        }

        foreach (var (runtime, timeout) in options.StartTimeouts)
        {
            if (timeout < TimeSpan.FromSeconds(1))
            {
                failures.Add($"Cells:StartTimeouts:{runtime} is {timeout}; it must be at least 00:00:01.");
            }
        }

        var graces = options.StopGraces.Select(g => ($"Cells:StopGraces:{g.Key}", g.Value)).Append(("Cells:StopGrace", options.StopGrace));
        foreach (var (setting, grace) in graces)
        {
            if (grace < TimeSpan.Zero || grace > TimeSpan.FromMinutes(10))
            {
                failures.Add($"{setting} is {grace}; it must be between 00:00:00 and 00:10:00.");
            }
        }

        if (options.MaxConcurrentStarts < 1)
        {
            failures.Add($"Cells:MaxConcurrentStarts is {options.MaxConcurrentStarts}; it must be at least 1.");
        }

        if (options.CellUserId <= 0 || options.CellGroupId <= 0)
        {
            failures.Add("Cells:CellUserId and Cells:CellGroupId must be greater than 0: cells never run as root.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
